package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: the pipeline finds the stage by its teco.name. */
class ComponentDescriptorTest {

    @Test
    void isAStageServiceNamedReport() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.stage.report.ReportStage.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"report\"/>",
                "<provide interface=\"org.tecoplatform.api.Stage\"/>",
                "<implementation class=\"org.tecoplatform.stage.report.ReportStage\"/>");
    }

    @Test
    void importsJacksonInsteadOfEmbeddingIt() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).contains("com.fasterxml.jackson.databind", "org.tecoplatform.api;version=\"[1.");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.stage.report");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(ReportStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
