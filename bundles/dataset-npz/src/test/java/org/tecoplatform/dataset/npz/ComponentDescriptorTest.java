package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The descriptors bnd generated are what SCR registers: the pipeline finds each reader by its teco.name. */
class ComponentDescriptorTest {

    @ParameterizedTest
    @CsvSource({"DmlabDatasetReader,dmlab", "MinecraftDatasetReader,minecraft", "HabitatDatasetReader,habitat"})
    void eachReaderIsADatasetReaderServiceNamedForItsDataset(String type, String name) throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.dataset.npz." + type + ".xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"" + name + "\"/>",
                "<provide interface=\"org.tecoplatform.api.DatasetReader\"/>",
                "<implementation class=\"org.tecoplatform.dataset.npz." + type + "\"/>");
    }

    @Test
    void importsTheNpzPackageInsteadOfEmbeddingIt() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            String imports = new Manifest(in).getMainAttributes().getValue("Import-Package");
            assertThat(imports).contains("org.tecoplatform.npz;version=\"[1.0,2)\"", "org.tecoplatform.api;version=\"[1.");
        }
    }

    private static Path classes() throws URISyntaxException, IOException {
        return Path.of(DmlabDatasetReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
