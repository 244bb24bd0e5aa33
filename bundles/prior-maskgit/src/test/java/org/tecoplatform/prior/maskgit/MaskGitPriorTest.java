package org.tecoplatform.prior.maskgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.prior.RandomInput;

/** The component as SCR registers it, its options, and how it reads (and rejects) a config. */
class MaskGitPriorTest {

    private static final PriorShape SHAPE = new PriorShape(2, 3, 5, 3);

    @Test
    void isAPriorServiceNamedMaskgit() throws Exception {
        String xml = Files.readString(classes().resolve("OSGI-INF/org.tecoplatform.prior.maskgit.MaskGitPrior.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"maskgit\"/>",
                "<provide interface=\"org.tecoplatform.nn.prior.PriorFactory\"/>",
                "<implementation class=\"org.tecoplatform.prior.maskgit.MaskGitPrior\"/>");
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            var attrs = new Manifest(in).getMainAttributes();
            assertThat(attrs.getValue("Private-Package")).isEqualTo("org.tecoplatform.prior.maskgit");
            assertThat(attrs.getValue("Export-Package")).isNull();
            assertThat(attrs.getValue("Import-Package")).contains("org.tecoplatform.nn.prior;version=\"[1.1,2)\"", "org.tecoplatform.api;");
        }
    }

    @Test
    void optionsAndDescription() {
        MaskGitPrior prior = new MaskGitPrior();
        assertThat(prior.description()).isNotBlank();
        List<OptionSpec> options = prior.options();
        assertThat(options).extracting(OptionSpec::key).containsExactly("temperature", "top_k");
        assertThat(options.get(0).type()).isEqualTo(OptionType.NUMBER);
        assertThat(options.get(0).defaultValue()).isEqualTo(1.0);
        assertThat(options.get(1).type()).isEqualTo(OptionType.INTEGER);
        assertThat(options.get(1).defaultValue()).isEqualTo(0);
    }

    @Test
    void readsTheOriginalKeysAndItsOwnSection() {
        MaskGitConfig c = MaskGitConfig.from(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16, "z_git.mask_schedule", "pow2",
                "maskgit.temperature", 0.7, "maskgit.top_k", 3));
        assertThat(c).isEqualTo(new MaskGitConfig(4, c.schedule(), 8, 16, 2, 1, 3, 2, 1, 0.7, 3));
        assertThat(c.schedule().name()).isEqualTo("pow2");
        // Without a maskgit section: the original's behaviour (temperature 1, full softmax).
        MaskGitConfig d = MaskGitConfig.from(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16));
        assertThat(d.temperature()).isEqualTo(1.0);
        assertThat(d.topK()).isZero();
        // top_k beyond the codebook is the full codebook, as the original's min(top_k, vocab).
        assertThat(MaskGitConfig.from(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16, "maskgit.top_k", 99)).topK()).isEqualTo(5);
    }

    @Test
    void networkDescribesItsRandomInput() {
        PriorNetwork net = new MaskGitPrior().create(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16));
        assertThat(net.shape()).isEqualTo(SHAPE);
        List<RandomInput> in = net.randomInputs(7);
        assertThat(in).hasSize(1);
        assertThat(in.get(0).name()).isEqualTo("maskgit_mask");
        assertThat(in.get(0).shape()).containsExactly(7, 6);
        float[] mask = net.drawRandom(new java.util.SplittableRandom(1), 7).get("maskgit_mask");
        assertThat(mask).hasSize(42);
    }

    private static void rejected(Settings config, String... messageParts) {
        assertThatThrownBy(() -> new MaskGitPrior().create(SHAPE, config)).isInstanceOf(BadInputException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "T_draft", 7), "'T_draft'", "1 to 6", "found 7");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "T_revise", 0), "'T_revise'", "found 0");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "M", -1), "'M'", ">= 0", "found -1");
        rejected(TinyMaskGit.config(4, 9, 2, 1, 16), "'z_git.tfm_kwargs.embed_dim'", "multiple of num_heads (2)", "found 9");
        rejected(TinyMaskGit.config(0, 8, 2, 1, 16), "'z_git.vocab_dim'", ">= 1", "found 0");
        rejected(TinyMaskGit.config(4, 8, 0, 1, 16), "'z_git.tfm_kwargs.num_heads'", "found 0");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "z_git.mask_schedule", "linear"), "'z_git.mask_schedule'", "cosine", "'linear'");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "z_git.tfm_kwargs.dropout", 0.1), "'z_git.tfm_kwargs.dropout'", "found 0.1");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "maskgit.temperature", -0.5), "'maskgit.temperature'", "found -0.5");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "maskgit.top_k", -2), "'maskgit.top_k'", "found -2");
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "maskgit.top_k", "three"), "maskgit.top_k");
        // A missing key: the config's own error names it.
        rejected(TinyMaskGit.config(4, 8, 2, 1, 16, "z_git.tfm_kwargs.mlp_dim", null), "z_git.tfm_kwargs.mlp_dim");
    }

    private static Path classes() throws Exception {
        return Path.of(MaskGitPrior.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
