package org.tecoplatform.model.teco;

import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.prior.PriorNetwork;

/**
 * TECO (Temporally Consistent Video Transformer), written once against {@link Ops}: the training
 * graph (SameDiff) and the inference graphs the sampler runs (ONNX). Shapes: B videos, T =
 * seq_len frames of H×W VQ-GAN codes (latent grid), h×w TECO latents of width E =
 * embedding_dim.
 */
public final class TecoModel {

    // ---- graph input and output names ----
    public static final String CODES = "codes";
    public static final String ACTIONS = "actions";
    public static final String DROP_IDX = "drop_idx";
    public static final String LOSS = "loss";
    public static final String RECON_LOSS = "recon_loss";
    public static final String TRANS_LOSS = "trans_loss";
    public static final String COMMITMENT_LOSS = "commitment_loss";
    public static final String CODEBOOK_LOSS = "codebook_loss";
    public static final String PERPLEXITY = "perplexity";
    public static final String COND = "cond";
    public static final String Z = "z";
    public static final String DETER = "deter";
    public static final String Z_CODES = "z_codes";
    public static final String LOGITS = "logits";
    public static final String VQ_CODES = "vq_codes";
    public static final String TOKENS = "tokens";
    /** The prior's parameter prefix (the original's {@code z_git}). */
    public static final String PRIOR = "z_git";

    private final TecoConfig cfg;
    private final PriorNetwork prior;
    private final float[] vqCodebook;

    /**
     * @param vqCodebook the VQ-GAN's code vectors, row-major {@code [vqCodes, vqDim]}: a constant
     *                   of every graph that looks codes up (not trained)
     */
    public TecoModel(TecoConfig cfg, PriorNetwork prior, float[] vqCodebook) {
        this.cfg = cfg;
        this.prior = prior;
        this.vqCodebook = vqCodebook.clone();
    }

    public TecoConfig config() {
        return cfg;
    }

    public PriorNetwork prior() {
        return prior;
    }

    /**
     * The training graph. Inputs: {@link #CODES} index {@code [B, T, H, W]}, {@link #ACTIONS}
     * index {@code [B, T]} (in {@code [0, action_dim]}), {@link #DROP_IDX} index
     * {@code [n_sample]} (into the T − n_cond predicted frames), and the prior's random inputs for
     * {@code B·n_sample} items. Outputs (scalars): {@link #LOSS}, {@link #RECON_LOSS},
     * {@link #TRANS_LOSS}, {@link #COMMITMENT_LOSS}, {@link #CODEBOOK_LOSS}, {@link #PERPLEXITY}.
     */
    public <T> void training(Ops<T> ops, int batch) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The inputs of {@link #training} for one batch: {@code codes} row-major {@code [B, T, H, W]},
     * {@code actions} {@code [B, T]} as the dataset stores them (−1 = no action). Applies
     * use_actions / dropout_actions, draws the drop-loss frames and the prior's random inputs.
     * Deterministic for a given {@code rng} state.
     */
    public TrainingFeed feed(int[] codes, int[] actions, int batch, SplittableRandom rng) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The posterior: {@link #CODES} index {@code [B, F, H, W]} → {@link #COND}
     * {@code [B, n_cond, h, w, E]} (continuous encoder outputs) and {@link #Z}
     * {@code [B, F − n_cond, h, w, E]} (quantised embeddings), as the original's {@code encode}.
     */
    public <T> void observe(Ops<T> ops, int batch, int frames) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The whole temporal transformer: {@link #COND} {@code [B, n_cond, h, w, E]}, {@link #Z}
     * {@code [B, T − n_cond, h, w, E]}, {@link #ACTIONS} index {@code [B, T]} → {@link #DETER}
     * {@code [B, T − n_cond, h, w, E]}. deter of frame t depends only on frames before t.
     */
    public <T> void temporal(Ops<T> ops, int batch) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Codebook look-up: {@link #Z_CODES} index {@code [N, h, w]} → {@link #Z} {@code [N, h, w, E]}. */
    public <T> void lookup(Ops<T> ops, int n) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The decoder: {@link #DETER}, {@link #Z} {@code [N, h, w, E]} → {@link #LOGITS}
     * {@code [N, H, W, vqCodes]} and the index output {@link #VQ_CODES} {@code [N, H, W]} (argmax).
     */
    public <T> void decoder(Ops<T> ops, int n) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The prior's inference logits: {@link #TOKENS} index {@code [N, h, w]} (MASK = codes),
     * {@link #DETER} {@code [N, h, w, E]} → {@link #LOGITS} {@code [N, h, w, codes]}.
     */
    public <T> void priorLogits(Ops<T> ops, int n) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Parameters per component (encoder, codebook, z_tfm, z_proj, z_unproj, decoder, prior, sos, action_embeds), counted from shapes only. */
    public static Map<String, Long> parameterBreakdown(TecoConfig cfg, PriorNetwork prior) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Total parameters, counted from shapes only (no DMLab-size arrays are allocated). */
    public static long parameterCount(TecoConfig cfg, PriorNetwork prior) {
        return parameterBreakdown(cfg, prior).values().stream().mapToLong(Long::longValue).sum();
    }
}
