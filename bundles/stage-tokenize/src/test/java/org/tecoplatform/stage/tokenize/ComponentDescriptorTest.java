package org.tecoplatform.stage.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: the pipeline finds the stage by its teco.name. */
class ComponentDescriptorTest {

    @Test
    void isAStageServiceNamedTokenize() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.stage.tokenize.TokenizeStage.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"tokenize\"/>",
                "<provide interface=\"org.tecoplatform.api.Stage\"/>",
                "<implementation class=\"org.tecoplatform.stage.tokenize.TokenizeStage\"/>");
    }

    @Test
    void importsTheDataLibraryInsteadOfEmbeddingIt() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.data.loader;version=\"[1.0,2)\"",
                    "org.tecoplatform.data.tokens;version=\"[1.0,2)\"", "org.tecoplatform.api;version=\"[1.");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.stage.tokenize");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(TokenizeStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
