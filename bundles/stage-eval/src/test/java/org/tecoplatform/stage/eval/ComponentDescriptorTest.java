package org.tecoplatform.stage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: the pipeline finds the stage by its teco.name. */
class ComponentDescriptorTest {

    @Test
    void isAStageServiceNamedEval() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.stage.eval.EvalStage.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"eval\"/>",
                "<provide interface=\"org.tecoplatform.api.Stage\"/>");
    }

    @Test
    void importsTheEvaluationCoreInsteadOfEmbeddingIt() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.data.eval;version=\"[1.1,2)\"",
                    "org.tecoplatform.data.samples;version=\"[1.0,2)\"");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.stage.eval");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(EvalStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
