package org.tecoplatform.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptors bnd generated are what SCR registers: configs find the metrics by teco.name. */
class ComponentDescriptorTest {

    @Test
    void psnrAndSsimAreMetricServices() throws Exception {
        for (String[] m : new String[][] {{"psnr", "PsnrMetric"}, {"ssim", "SsimMetric"}}) {
            String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.metrics.image." + m[1] + ".xml"));
            assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"" + m[0] + "\"/>",
                    "<provide interface=\"org.tecoplatform.api.Metric\"/>");
        }
    }

    @Test
    void importsOnlyTheApi() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).matches("org\\.tecoplatform\\.api;version=\"\\[1\\.\\d+,2\\)\"");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.metrics.image");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(PsnrMetric.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
