package org.tecoplatform.pipeline.config;

import static org.tecoplatform.api.OptionType.BOOLEAN;
import static org.tecoplatform.api.OptionType.INTEGER;
import static org.tecoplatform.api.OptionType.INTEGER_LIST;
import static org.tecoplatform.api.OptionType.NUMBER;
import static org.tecoplatform.api.OptionType.PATH;
import static org.tecoplatform.api.OptionType.SECTION;
import static org.tecoplatform.api.OptionType.STRING;
import static org.tecoplatform.api.OptionType.STRING_LIST;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;

/**
 * The keys a config may hold: the original TECO keys (same names as its YAML configs), the
 * {@code pipeline:} block, and one section per installed plugin that declares options.
 */
public final class ConfigSchema {

    /** One known key. {@code mustExist} paths are checked on disk when given. */
    public record Key(String key, OptionType type, Object defaultValue, boolean mustExist, String help) {
    }

    private final Map<String, Key> keys;

    private ConfigSchema(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** The original TECO keys and the pipeline block. */
    public static ConfigSchema teco() {
        Builder b = new Builder();
        b.key("seed", INTEGER, "random seed of the run");
        b.key("cache", BOOLEAN, "keep the encoded dataset in memory");
        // Training
        b.key("batch_size", INTEGER, "videos per training batch");
        b.key("num_workers", INTEGER, "data-loading threads");
        b.key("lr", NUMBER, "peak learning rate");
        b.key("lr_schedule", STRING, "learning-rate schedule (cosine)");
        b.key("weight_decay", NUMBER, "AdamW weight decay");
        b.key("total_steps", INTEGER, "training steps");
        b.key("warmup_steps", INTEGER, "linear warm-up steps");
        b.key("save_interval", INTEGER, "steps between checkpoints");
        b.key("viz_interval", INTEGER, "steps between visualisations");
        b.key("log_interval", INTEGER, "steps between logged losses");
        // Data
        b.path("data_path", true, "dataset root folder ({train,test}/...)");
        b.key("eval_seq_len", INTEGER, "frames per evaluation video");
        b.key("seq_len", INTEGER, "frames per training window");
        b.key("image_size", INTEGER, "frame height and width in pixels");
        b.key("channels", INTEGER, "colour channels");
        b.key("num_shards", INTEGER, "model-parallel shards in the original (informational)");
        b.key("num_partitions", INTEGER, "model-parallel partitions in the original (informational)");
        b.key("rng_keys", STRING_LIST, "names of the random streams");
        b.key("batch_keys", STRING_LIST, "names of the batch entries");
        // Model
        b.key("model", STRING, "model family (teco)");
        b.path("vqvae_ckpt", true, "tokenizer directory (encoder.onnx, decoder.onnx, metadata)");
        for (String part : List.of("encoder", "decoder")) {
            b.section(part, "ResNet " + part);
            b.key(part + ".depths", INTEGER_LIST, "channels per resolution");
            b.key(part + ".blocks", INTEGER, "residual blocks per resolution");
        }
        b.key("z_ds", INTEGER, "spatial downsampling into the temporal transformer");
        transformer(b, "z_tfm_kwargs", "temporal transformer");
        b.section("z_git", "MaskGit prior");
        b.key("z_git.vocab_dim", INTEGER, "token embedding width");
        b.key("z_git.mask_schedule", STRING, "mask schedule (cosine)");
        transformer(b, "z_git.tfm_kwargs", "MaskGit transformer");
        b.key("embedding_dim", INTEGER, "latent channels");
        b.section("codebook", "cosine codebook");
        b.key("codebook.n_codes", INTEGER, "codebook entries");
        b.key("codebook.proj_dim", INTEGER, "codebook projection width");
        b.key("n_cond", INTEGER, "conditioning frames");
        b.key("drop_loss_rate", NUMBER, "fraction of time steps left out of the decoder and prior losses");
        // Actions
        b.key("use_actions", BOOLEAN, "condition on actions");
        b.key("action_dim", INTEGER, "number of actions");
        b.key("action_embed_dim", INTEGER, "action embedding width");
        b.key("dropout_actions", BOOLEAN, "replace a sample's actions by 'no action' with probability 0.5");
        // Sampling
        b.key("T_draft", INTEGER, "MaskGit draft chunks");
        b.key("T_revise", INTEGER, "MaskGit revise chunks");
        b.key("M", INTEGER, "MaskGit revise rounds");
        b.key("open_loop_ctx", INTEGER, "context frames when sampling");
        // The platform's own block
        b.section("pipeline", "which plugins and stages this run uses");
        b.key("pipeline.dataset", STRING, "dataset plugin name");
        b.key("pipeline.tokenizer", STRING, "tokenizer plugin name");
        b.key("pipeline.prior", STRING, "prior plugin name");
        b.key("pipeline.metrics", STRING_LIST, "metric plugin names");
        b.key("pipeline.stages", STRING_LIST, "stages to run, in order");
        b.key("pipeline.bundles", STRING_LIST, "extra folders of plugin bundles to install");
        return new ConfigSchema(b.keys);
    }

    private static void transformer(Builder b, String prefix, String what) {
        b.section(prefix, what);
        b.key(prefix + ".embed_dim", INTEGER, what + " width");
        b.key(prefix + ".mlp_dim", INTEGER, what + " MLP width");
        b.key(prefix + ".num_heads", INTEGER, what + " attention heads");
        b.key(prefix + ".num_layers", INTEGER, what + " layers");
        b.key(prefix + ".dropout", NUMBER, what + " dropout");
        b.key(prefix + ".attention_dropout", NUMBER, what + " attention dropout");
    }

    /** This schema plus a plugin's section (an empty one when the plugin declares no options). */
    public ConfigSchema withPluginSection(String pluginName, List<OptionSpec> options) {
        Builder b = new Builder();
        b.keys.putAll(keys);
        b.section(pluginName, "options of plugin '" + pluginName + "'");
        for (OptionSpec o : options) {
            b.keys.put(pluginName + "." + o.key(), new Key(pluginName + "." + o.key(), o.type(), o.defaultValue(),
                    false, o.help()));
        }
        return new ConfigSchema(b.keys);
    }

    public Optional<Key> find(String dottedKey) {
        return Optional.ofNullable(keys.get(dottedKey));
    }

    public Set<String> keys() {
        return keys.keySet();
    }

    private static final class Builder {
        final Map<String, Key> keys = new LinkedHashMap<>();

        void key(String key, OptionType type, String help) {
            keys.put(key, new Key(key, type, null, false, help));
        }

        void path(String key, boolean mustExist, String help) {
            keys.put(key, new Key(key, PATH, null, mustExist, help));
        }

        void section(String key, String help) {
            keys.put(key, new Key(key, SECTION, null, false, help));
        }
    }
}
