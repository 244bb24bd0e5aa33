package org.tecoplatform.prior.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;

/** The component as SCR registers it, its declared section, and how it reads (and rejects) a config. */
class AutoregressivePriorTest {

    @Test
    void isAPriorFactoryServiceNamedAutoregressive() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.prior.autoregressive.AutoregressivePrior.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"autoregressive\"/>",
                "<provide interface=\"org.tecoplatform.nn.prior.PriorFactory\"/>");
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.prior.autoregressive");
            assertThat(attrs.getValue("Export-Package")).isNull();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.nn.prior;version=\"[1.1,2)\"",
                    "org.tecoplatform.api;version=\"[1.");
        }
    }

    @Test
    void declaresItsSectionAndReadsIt() {
        assertThat(new AutoregressivePrior().options()).extracting(OptionSpec::key)
                .containsExactly("vocab_dim", "embed_dim", "mlp_dim", "num_heads", "num_layers", "dropout", "temperature", "top_k", "top_p");
        AutoregressiveConfig c = AutoregressiveConfig.from(TinyAr.config("temperature", 0.5, "top_k", 3, "top_p", 0.9));
        assertThat(c).isEqualTo(new AutoregressiveConfig(4, 8, 16, 2, 2, 0.5, 3, 0.9));
        // Without a section: the declared defaults (the quickstart's size).
        AutoregressiveConfig d = AutoregressiveConfig.from(org.tecoplatform.pipeline.config.ConfigSettings.of(java.util.Map.of(), Path.of(".")));
        assertThat(d).isEqualTo(new AutoregressiveConfig(64, 128, 512, 4, 2, 1.0, 0, 1.0));
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        rejected(TinyAr.config("dropout", 0.1), "'autoregressive.dropout'", "not implemented", "found 0.1");
        rejected(TinyAr.config("embed_dim", 9), "'autoregressive.embed_dim'", "multiple of num_heads (2)", "found 9");
        rejected(TinyAr.config("num_heads", 0), "'autoregressive.num_heads'", "found 0");
        rejected(TinyAr.config("top_p", 0.0), "'autoregressive.top_p'", "found 0.0");
        rejected(TinyAr.config("temperature", -1.0), "'autoregressive.temperature'", "found -1.0");
        rejected(TinyAr.config("top_k", -1), "'autoregressive.top_k'", "found -1");
    }

    private static void rejected(org.tecoplatform.api.Settings config, String... parts) {
        assertThatThrownBy(() -> new AutoregressivePrior().create(TinyAr.SHAPE, config)).isInstanceOf(BadInputException.class)
                .hasMessageContainingAll(parts);
    }

    private static Path classes() throws Exception {
        return Path.of(AutoregressivePrior.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
