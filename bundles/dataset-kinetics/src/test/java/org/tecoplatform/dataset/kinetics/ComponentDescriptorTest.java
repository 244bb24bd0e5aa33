package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers, and the bundle imports FFmpeg and npz instead of embedding them. */
class ComponentDescriptorTest {

    @Test
    void theReaderIsADatasetReaderServiceNamedKinetics() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.dataset.kinetics.KineticsDatasetReader.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"kinetics\"/>",
                "<provide interface=\"org.tecoplatform.api.DatasetReader\"/>",
                "<implementation class=\"org.tecoplatform.dataset.kinetics.KineticsDatasetReader\"/>");
    }

    @Test
    void importsFfmpegAndNpzFromTheLauncherAndNotJavaCv() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            String imports = new Manifest(in).getMainAttributes().getValue("Import-Package");
            assertThat(imports).contains("org.bytedeco.ffmpeg.avformat", "org.bytedeco.ffmpeg.avcodec", "org.bytedeco.ffmpeg.swscale",
                    "org.bytedeco.javacpp", "org.tecoplatform.npz;version=\"[1.0,2)\"", "org.tecoplatform.api;version=\"[1.");
            // The reader needs only FFmpeg's own API; JavaCV stays a test tool.
            assertThat(imports).doesNotContain("org.bytedeco.javacv");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(KineticsDatasetReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
