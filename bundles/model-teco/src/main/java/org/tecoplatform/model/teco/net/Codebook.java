package org.tecoplatform.model.teco.net;

import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.Dense;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Ops;

/**
 * Step 3 of the model: TECO's cosine codebook (base.py {@code Codebook}). The encoder output is
 * projected (dense, no bias) to {@code proj_dim} and L2-normalised; the codebook rows
 * ({@code n_codes × proj_dim}, normal 0.02) are L2-normalised; the nearest code maximises the
 * dot product ({@code argmin(2 − 2·z·cᵀ)}); the quantised vector passes the encoder's gradient
 * straight through and is projected back (dense, no bias) to {@code embedding_dim}.
 *
 * <p>Losses, as optax.l2_loss (½·squared error) averaged over every element:
 * commitment {@code 0.25·mean(½(z − sg(q))²)}, codebook {@code mean(½(sg(z) − q)²)};
 * perplexity {@code exp(−Σ p·log(p + 1e−10))} of the average code usage p.
 *
 * <p>Parameters: {@code codebook.codebook}, {@code codebook.Dense_0.kernel} (in),
 * {@code codebook.Dense_1.kernel} (out).
 */
public final class Codebook {

    public static final String NAME = "codebook";
    public static final float COMMITMENT = 0.25f;

    /**
     * @param embeddings straight-through quantised embeddings {@code [..., embedding_dim]}
     * @param ids        chosen code ids as exact floats {@code [...]} (see {@link Frames#indices})
     * @param indices    chosen code ids, an index tensor {@code [...]}
     */
    public record Quantized<T>(T embeddings, T ids, T indices, T commitmentLoss, T codebookLoss, T perplexity) {
    }

    private Codebook() {
    }

    /** The L2-normalised codebook {@code [n_codes, proj_dim]}. */
    public static <T> T codes(Ops<T> ops, TecoConfig cfg) {
        return normalize(ops, ops.param(NAME + ".codebook", Init.normal(0.02), cfg.codes(), cfg.projDim()));
    }

    /** Quantises {@code z [..., embedding_dim]}. */
    public static <T> Quantized<T> quantize(Ops<T> ops, TecoConfig cfg, T z) {
        int[] s = ops.shape(z);
        int[] grid = java.util.Arrays.copyOf(s, s.length - 1);
        int k = cfg.codes();
        int p = cfg.projDim();
        T codebook = codes(ops, cfg);
        T flat = ops.reshape(projectIn(ops, cfg, z), -1, p);
        T index = nearest(ops, flat, codebook); // [N]
        T onehot = ops.oneHot(index, k); // [N, K]
        T quantized = ops.matmul(onehot, codebook); // [N, P]
        T ids = ops.reshape(ops.matmul(onehot, ops.constant(iota(k), k, 1)), grid);

        T commitment = ops.mul(ops.scalar(COMMITMENT), halfMeanSquare(ops, ops.sub(flat, ops.stopGradient(quantized))));
        T codebookLoss = halfMeanSquare(ops, ops.sub(ops.stopGradient(flat), quantized));

        // Straight-through: forward q, backward the identity to z.
        T st = ops.add(flat, ops.stopGradient(ops.sub(quantized, flat)));
        int[] pShape = java.util.Arrays.copyOf(s, s.length);
        pShape[s.length - 1] = p;
        T out = project(ops, cfg, ops.reshape(st, pShape));

        T avgProbs = ops.reduceMean(onehot, false, 0); // [K]
        T plogp = ops.mul(avgProbs, ops.log(ops.add(avgProbs, ops.scalar(1e-10f))));
        T perplexity = ops.exp(ops.reduceSum(ops.mul(plogp, ops.scalar(-1f)), false, 0));
        return new Quantized<>(out, ids, ops.reshape(index, grid), commitment, codebookLoss, perplexity);
    }

    /**
     * The inference form of {@link #quantize}: the nearest code's embedding
     * {@code [..., embedding_dim]} of each encoder output {@code z [..., embedding_dim]} (the
     * straight-through value, without the losses).
     */
    public static <T> T encode(Ops<T> ops, TecoConfig cfg, T z) {
        int[] s = ops.shape(z);
        T flat = ops.reshape(projectIn(ops, cfg, z), -1, cfg.projDim());
        T index = nearest(ops, flat, codes(ops, cfg));
        return ops.reshape(lookup(ops, cfg, index), s);
    }

    /** proj_in and L2 normalisation: {@code [..., embedding_dim] → [..., proj_dim]}. */
    private static <T> T projectIn(Ops<T> ops, TecoConfig cfg, T z) {
        return normalize(ops, Dense.apply(ops, NAME + ".Dense_0", z, cfg.projDim(), false));
    }

    /** Index {@code [N]} of the nearest unit code to each unit row of {@code flat [N, P]}: argmin of 2 − 2·z·cᵀ. */
    private static <T> T nearest(Ops<T> ops, T flat, T codebook) {
        T dots = ops.matmul(flat, ops.transpose(codebook, 1, 0));
        return ops.argminLast(ops.sub(ops.scalar(2f), ops.mul(ops.scalar(2f), dots)));
    }

    /** Embeddings {@code [..., embedding_dim]} of code ids {@code indices [...]} (the original's {@code encoding_indices} path). */
    public static <T> T lookup(Ops<T> ops, TecoConfig cfg, T indices) {
        int[] s = ops.shape(indices);
        T rows = ops.matmul(ops.reshape(ops.oneHot(indices, cfg.codes()), -1, cfg.codes()), codes(ops, cfg));
        int[] shape = java.util.Arrays.copyOf(s, s.length + 1);
        shape[s.length] = cfg.projDim();
        return project(ops, cfg, ops.reshape(rows, shape));
    }

    /** proj_out: {@code [..., proj_dim] → [..., embedding_dim]}. */
    private static <T> T project(Ops<T> ops, TecoConfig cfg, T x) {
        return Dense.apply(ops, NAME + ".Dense_1", x, cfg.embeddingDim(), false);
    }

    /** {@code x / max(‖x‖, 1e−6)} on the last axis, as base.py's {@code normalize}. */
    static <T> T normalize(Ops<T> ops, T x) {
        T norm = ops.sqrt(ops.reduceSum(ops.mul(x, x), true, -1));
        return ops.div(x, ops.clamp(norm, 1e-6f, Float.MAX_VALUE));
    }

    /** optax.l2_loss(x).mean() = mean(½·x²). */
    private static <T> T halfMeanSquare(Ops<T> ops, T x) {
        int rank = ops.shape(x).length;
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return ops.mul(ops.scalar(0.5f), ops.reduceMean(ops.mul(x, x), false, axes));
    }

    private static float[] iota(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}
