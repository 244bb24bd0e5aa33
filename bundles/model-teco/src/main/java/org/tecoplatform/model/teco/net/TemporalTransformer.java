package org.tecoplatform.model.teco.net;

import java.util.List;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.Conv;
import org.tecoplatform.nn.Embedding;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Masks;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.Transformer;
import org.tecoplatform.nn.TransposedConv;

/**
 * Step 4 of the model: the temporal transformer, which predicts deter_t from everything before
 * frame t.
 *
 * <p>The sequence is [cond, z_1 … z_{T−1}] (time). Frame t is concatenated on channels with the
 * embedding of action t+1 (so each input frame carries the action that leads to the next one),
 * cut into z_ds×z_ds patches by a strided conv without bias ({@code z_proj}), and a learned
 * {@code sos} frame is put in front: position p of the transformer holds frame p−1 (p ≥ 1).
 * Flattened to tokens with sinusoidal positions over (seq_len, h', w'), the transformer
 * ({@code z_tfm}) runs under the frame-causal mask (a token sees its own and earlier frames).
 * The first n_cond outputs are dropped — output p then predicts frame p from frames &lt; p — and
 * a transposed conv ({@code z_unproj}) brings each back to the latent grid: deter.
 *
 * <p>Parameters: {@code action_embeds.embedding [action_dim + 1, action_embed_dim]} (the last
 * row is "no action"), {@code z_proj.kernel}, {@code sos [h', w', D]}, {@code z_tfm.*},
 * {@code z_unproj.kernel}.
 *
 * <h2>Frame-by-frame generation with a key/value cache</h2>
 * The whole-sequence form ({@link #apply}) is what training and the sampler's no-cache mode run.
 * A cached sampler runs the same parameters one transformer position at a time:
 * <ol>
 * <li>{@link #sosTokens} (position 0) or {@link #frameTokens} (position p ≥ 1: frame p−1's latent
 * — cond for p−1 &lt; n_cond, z otherwise — with action p) gives the position's {@code [B, n, D]}
 * input tokens, n = h'·w';</li>
 * <li>{@link Transformer#step} with name {@link #Z_TFM} and {@link #transformerConfig} (it applies
 * z_tfm's fc in, the position rows of frame p, the cached layers and the final
 * dense/GELU/LayerNorm);</li>
 * <li>{@link #toDeter} maps that position's outputs to deter of frame p (meaningful for
 * p ≥ n_cond: position p predicts frame p).</li>
 * </ol>
 */
public final class TemporalTransformer {

    public static final String ACTION_EMBEDS = "action_embeds";
    public static final String Z_PROJ = "z_proj";
    public static final String SOS = "sos";
    public static final String Z_TFM = "z_tfm";
    public static final String Z_UNPROJ = "z_unproj";

    private TemporalTransformer() {
    }

    /** z_tfm's configuration: embed/mlp/heads/layers from z_tfm_kwargs, sinusoidal positions over (seq_len, h', w'), fc in. */
    public static Transformer.Config transformerConfig(TecoConfig cfg) {
        return new Transformer.Config(cfg.tfmEmbedDim(), cfg.tfmHeads(), cfg.tfmLayers(), cfg.tfmMlpDim(),
                new int[] {cfg.seqLen(), cfg.tfmHeight(), cfg.tfmWidth()},
                Transformer.PositionEmbedding.SINUSOIDAL, 0, true);
    }

    /** The frame-causal mask over seq_len frames of h'·w' tokens (the original's {@code _init_mask}). */
    public static boolean[] mask(TecoConfig cfg) {
        return Masks.frameCausal(cfg.seqLen(), cfg.tokensPerFrame());
    }

    /**
     * The action embeddings of {@code actions} (index tensor, any shape, ids in
     * {@code [0, action_dim]}) → {@code [..., action_embed_dim]}. Flax's default embedding
     * initialiser: normal(1/√features).
     */
    public static <T> T actionEmbeddings(Ops<T> ops, TecoConfig cfg, T actions) {
        return Embedding.apply(ops, ACTION_EMBEDS, actions, cfg.actionDim() + 1, cfg.actionEmbedDim(),
                Init.normal(1 / Math.sqrt(cfg.actionEmbedDim())));
    }

    /**
     * The whole temporal transformer (the original's {@code temporal_transformer}).
     *
     * @param cond    {@code [B, n_cond, h, w, E]}
     * @param z       {@code [B, seq_len − n_cond, h, w, E]}
     * @param actions index {@code [B, seq_len]}
     * @return deter {@code [B, seq_len − n_cond, h, w, E]}
     */
    public static <T> T apply(Ops<T> ops, TecoConfig cfg, T cond, T z, T actions) {
        int b = ops.shape(z)[0];
        int t = cfg.seqLen();
        T frames = Frames.concatTime(ops, cond, z);
        if (ops.shape(frames)[1] != t) {
            throw new IllegalArgumentException("cond + z must hold seq_len = " + t + " frames, got "
                    + ops.shape(frames)[1]);
        }
        T act = actionEmbeddings(ops, cfg, actions); // [B, T, A]
        // Frame t with action t+1.
        T inp = withActions(ops, ops.slice(frames, 1, 0, t - 1), ops.slice(act, 1, 1, t));
        T tokens = Frames.unfold(ops, project(ops, cfg, Frames.fold(ops, inp)), b, t - 1); // [B, T−1, h', w', D]
        T sos = ops.param(SOS, Init.normal(0.02), cfg.tfmHeight(), cfg.tfmWidth(), cfg.tfmEmbedDim());
        T first = Frames.broadcastLike(ops,
                ops.reshape(sos, 1, 1, cfg.tfmHeight(), cfg.tfmWidth(), cfg.tfmEmbedDim()),
                ops.slice(tokens, 1, 0, 1));
        T seq = Frames.concatTime(ops, first, tokens); // [B, T, h', w', D]
        T out = Transformer.apply(ops, Z_TFM, transformerConfig(cfg), seq, null, mask(cfg));
        out = ops.slice(out, 1, cfg.nCond(), t); // [B, T − n_cond, h', w', D]
        T deter = TransposedConv.apply(ops, Z_UNPROJ, Frames.fold(ops, out), cfg.embeddingDim(), cfg.zDs());
        return Frames.unfold(ops, deter, b, t - cfg.nCond());
    }

    /**
     * The input tokens of one transformer position p ≥ 1 (before z_tfm's fc in): z_proj of frame
     * p−1's latent concatenated with action p's embedding.
     *
     * @param frame   {@code [B, h, w, E]}: cond (p−1 &lt; n_cond) or z of frame p−1
     * @param actions index {@code [B]}: action p, in {@code [0, action_dim]}
     * @return {@code [B, h'·w', D]}
     */
    public static <T> T frameTokens(Ops<T> ops, TecoConfig cfg, T frame, T actions) {
        int b = ops.shape(frame)[0];
        T act = actionEmbeddings(ops, cfg, actions); // [B, A]
        T inp = withActions(ops, frame, act);
        return ops.reshape(project(ops, cfg, inp), b, cfg.tokensPerFrame(), cfg.tfmEmbedDim());
    }

    /** The input tokens of position 0: the learned sos frame, {@code [batch, h'·w', D]} (static batch). */
    public static <T> T sosTokens(Ops<T> ops, TecoConfig cfg, int batch) {
        int n = cfg.tokensPerFrame();
        int d = cfg.tfmEmbedDim();
        T sos = ops.param(SOS, Init.normal(0.02), cfg.tfmHeight(), cfg.tfmWidth(), d);
        return ops.add(ops.constant(new float[batch * n * d], batch, n, d), ops.reshape(sos, 1, n, d));
    }

    /**
     * deter of one frame from the transformer's outputs at its position (after z_tfm's final
     * LayerNorm): {@code [B, h'·w', D] → [B, h, w, E]} by z_unproj.
     */
    public static <T> T toDeter(Ops<T> ops, TecoConfig cfg, T outputs) {
        int b = ops.shape(outputs)[0];
        T grid = ops.reshape(outputs, b, cfg.tfmHeight(), cfg.tfmWidth(), cfg.tfmEmbedDim());
        return TransposedConv.apply(ops, Z_UNPROJ, grid, cfg.embeddingDim(), cfg.zDs());
    }

    /**
     * Channel concat of latent frames {@code [..., h, w, E]} with one action embedding per frame
     * {@code [..., A]}, tiled over the grid (jnp.tile in the original).
     */
    private static <T> T withActions(Ops<T> ops, T frames, T actions) {
        int[] fs = ops.shape(frames);
        int[] as = ops.shape(actions);
        int[] perFrame = java.util.Arrays.copyOf(as, as.length + 2);
        perFrame[as.length - 1] = 1;
        perFrame[as.length] = 1;
        perFrame[as.length + 1] = as[as.length - 1];
        T tiled = Frames.broadcastLike(ops, ops.reshape(actions, perFrame), frames);
        if (ops.shape(tiled).length != fs.length) {
            throw new IllegalArgumentException("actions " + java.util.Arrays.toString(as) + " do not match frames "
                    + java.util.Arrays.toString(fs));
        }
        return ops.concat(-1, List.of(frames, tiled));
    }

    /** z_proj: z_ds×z_ds patches, stride z_ds, no bias: {@code [N, h, w, E + A] → [N, h', w', D]}. */
    private static <T> T project(Ops<T> ops, TecoConfig cfg, T x) {
        return Conv.patches(ops, Z_PROJ, x, cfg.tfmEmbedDim(), cfg.zDs(), false);
    }
}
