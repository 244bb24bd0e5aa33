package org.tecoplatform.stage.traintokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: the pipeline finds the stage by its teco.name. */
class ComponentDescriptorTest {

    @Test
    void isAStageServiceNamedTrainTokenizer() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.stage.traintokenizer.TrainTokenizerStage.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"train_tokenizer\"/>",
                "<provide interface=\"org.tecoplatform.api.Stage\"/>",
                "<implementation class=\"org.tecoplatform.stage.traintokenizer.TrainTokenizerStage\"/>");
    }

    @Test
    void importsTheSharedLibrariesInsteadOfEmbeddingThem() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.nn;", "org.tecoplatform.nn.train;",
                    "org.tecoplatform.data.loader;", "org.nd4j.linalg.api.ndarray", "ai.onnxruntime", "org.tecoplatform.api;version=\"[1.");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.stage.traintokenizer");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(TrainTokenizerStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
