package org.tecoplatform.tokenizer.vqgan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: the pipeline finds the tokenizer by its teco.name. */
class ComponentDescriptorTest {

    @Test
    void isATokenizerServiceNamedVqganOnnx() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"vqgan-onnx\"/>",
                "<provide interface=\"org.tecoplatform.api.Tokenizer\"/>",
                "<implementation class=\"org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer\"/>");
    }

    @Test
    void importsTheSharedLibrariesInsteadOfEmbeddingThem() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.onnx;version=\"[1.",
                    "org.tecoplatform.npz;version=\"[1.0,2)\"", "ai.onnxruntime", "org.tecoplatform.api;version=\"[1.");
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.tokenizer.vqgan");
        }
    }

    private static Path classes() throws Exception {
        return Path.of(VqganOnnxTokenizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
