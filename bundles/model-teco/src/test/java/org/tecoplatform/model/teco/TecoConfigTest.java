package org.tecoplatform.model.teco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** TECO's config: the original keys, derived sizes, and validation that names keys and values. */
class TecoConfigTest {

    private static final TokenizerInfo VQ = new TokenizerInfo(512, 64, 16, 16, 64);

    /** The model keys of configs/quickstart.yaml. */
    private static Map<String, Object> quickstart() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq_len", 16);
        m.put("encoder", new HashMap<>(Map.of("depths", List.of(64, 128), "blocks", 1)));
        m.put("decoder", new HashMap<>(Map.of("depths", List.of(64, 128), "blocks", 1)));
        m.put("z_ds", 4);
        m.put("z_tfm_kwargs", new HashMap<>(Map.of("embed_dim", 128, "mlp_dim", 512, "num_heads", 4, "num_layers", 2,
                "dropout", 0.0, "attention_dropout", 0.0)));
        m.put("embedding_dim", 32);
        m.put("codebook", new HashMap<>(Map.of("n_codes", 256, "proj_dim", 32)));
        m.put("n_cond", 1);
        m.put("drop_loss_rate", 0.9);
        m.put("use_actions", true);
        m.put("action_dim", 6);
        m.put("action_embed_dim", 16);
        m.put("dropout_actions", true);
        m.put("open_loop_ctx", 4);
        return m;
    }

    private static TecoConfig from(Map<String, Object> m) {
        return TecoConfig.from(ConfigSettings.of(m, Path.of(".")), VQ);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = quickstart();
        String[] parts = key.split("\\.");
        if (parts.length == 2) {
            ((Map<String, Object>) m.get(parts[0])).put(parts[1], value);
        } else {
            m.put(key, value);
        }
        return m;
    }

    @Test
    void readsTheOriginalKeysAndDerivesTheGrids() {
        TecoConfig c = from(quickstart());
        assertThat(c.seqLen()).isEqualTo(16);
        assertThat(c.encoderDepths()).containsExactly(64, 128);
        assertThat(c.tfmEmbedDim()).isEqualTo(128);
        assertThat(c.codes()).isEqualTo(256);
        assertThat(c.vqCodes()).isEqualTo(512);
        assertThat(c.zHeight()).isEqualTo(8);
        assertThat(c.zWidth()).isEqualTo(8);
        assertThat(c.tfmHeight()).isEqualTo(2);
        assertThat(c.tokensPerFrame()).isEqualTo(4);
        assertThat(c.predictedFrames()).isEqualTo(15);
        assertThat(c.lossFrames()).isEqualTo(1);
        assertThat(c.noAction()).isEqualTo(6);
        assertThat(c.priorShape().condDim()).isEqualTo(32);
        assertThat(from(with("drop_loss_rate", null)).dropLossRate()).isEqualTo(0.0);
    }

    @Test
    void dmlabDefaults() {
        TecoConfig d = TecoConfig.dmlab();
        assertThat(d.zHeight()).isEqualTo(8);
        assertThat(d.tfmHeight()).isEqualTo(1);
        assertThat(d.lossFrames()).isEqualTo(29); // ⌊0.1·299⌋
    }

    @Test
    @SuppressWarnings("unchecked")
    void validationNamesTheKeysAndTheValues() {
        assertThatThrownBy(() -> from(with("z_ds", 3))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("latent grid 16x16 / 2 = 8x8 is not divisible by z_ds 3");
        Map<String, Object> deep = with("encoder.depths", List.of(64, 64, 64, 64, 64, 64));
        ((Map<String, Object>) deep.get("decoder")).put("depths", List.of(64, 64, 64, 64, 64, 64));
        assertThatThrownBy(() -> from(deep))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not divisible by the encoder's downsampling 32");
        assertThatThrownBy(() -> from(with("n_cond", 16))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("n_cond must be less than seq_len (16), found 16");
        assertThatThrownBy(() -> from(with("open_loop_ctx", 0))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("open_loop_ctx must be at least n_cond (1), found 0");
        assertThatThrownBy(() -> from(with("z_tfm_kwargs.num_heads", 3))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("z_tfm_kwargs.embed_dim 128 is not divisible by z_tfm_kwargs.num_heads 3");
        assertThatThrownBy(() -> from(with("embedding_dim", -4))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("embedding_dim must be positive, found -4");
        assertThatThrownBy(() -> from(with("action_dim", -1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("action_dim must not be negative, found -1");
        assertThatThrownBy(() -> from(with("drop_loss_rate", 1.0))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("drop_loss_rate must be in [0, 1), found 1.0");
        assertThatThrownBy(() -> from(with("drop_loss_rate", -0.1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("drop_loss_rate must be in [0, 1), found -0.1");
        assertThatThrownBy(() -> from(with("decoder.depths", List.of(64, 100)))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("decoder.depths entries must be positive multiples of 32");
        assertThatThrownBy(() -> from(with("decoder.depths", List.of(64)))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("decoder.depths must have as many entries as encoder.depths (2");
        assertThatThrownBy(() -> from(with("z_ds", null))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("z_ds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDropoutTheModelWouldIgnoreIsRefused() {
        Map<String, Object> m = quickstart();
        ((Map<String, Object>) m.get("z_tfm_kwargs")).put("dropout", 0.1);
        assertThatThrownBy(() -> from(m)).isInstanceOf(BadInputException.class).hasMessageContaining("z_tfm_kwargs.dropout")
                .hasMessageContaining("0.1");
        ((Map<String, Object>) m.get("z_tfm_kwargs")).put("dropout", 0.0);
        assertThat(from(m).seqLen()).isEqualTo(16);
    }
}
