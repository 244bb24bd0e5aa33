package org.tecoplatform.stage.traintokenizer;

import org.tecoplatform.nn.AvgPool2;
import org.tecoplatform.nn.Conv;
import org.tecoplatform.nn.GroupNorm;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ResNetBlock;
import org.tecoplatform.nn.Upsample2;

/**
 * A small VQ autoencoder, written once against {@link Ops}: trained on the eager ND4J back end, exported to ONNX.
 *
 * <p>Encoder: conv3×3 → [ResNetBlock, AvgPool2] ×2 → ResNetBlock → 1×1 conv to {@code embed_dim}.
 * Decoder: its mirror (1×1 conv, ResNetBlock, [Upsample2, ResNetBlock] ×2, GroupNorm, ELU,
 * conv3×3 to RGB). Widths: {@code channels} at full resolution, {@code 2·channels} below.
 *
 * <p>Quantiser: cosine VQ as TECO's own codebook — encoder outputs and codebook rows are
 * L2-normalised, the nearest code is the smallest squared distance between unit vectors
 * ({@code 2 − 2·z·e}, i.e. the largest dot product); straight-through estimator; codebook loss
 * {@code mean((sg(z) − q)²)} and commitment loss {@code β·mean((z − sg(q))²)}. Unit vectors keep
 * the code and encoder scales tied, so codes cannot drift out of reach (fewer dead codes than
 * plain L2 VQ); the codebook the decoder looks up, and {@code codebook.npy}, are the normalised rows.
 */
final class VqModel {

    static final String CODEBOOK = "quantize.codebook";
    /** Added under the square root of the L2 norm: keeps the gradient finite at zero. */
    static final float NORM_EPS = 1e-6f;

    private VqModel() {
    }

    /** {@code x}: [N, S, S, 3] in [-1, 1] → continuous latents [N, S/4, S/4, embed_dim]. */
    static <T> T encode(Ops<T> ops, VqConfig c, T x) {
        int wide = 2 * c.channels();
        T h = Conv.same(ops, "encoder.conv_in", x, c.channels(), 3, true);
        h = ResNetBlock.apply(ops, "encoder.block_0", h, c.channels(), c.groups());
        h = AvgPool2.apply(ops, h);
        h = ResNetBlock.apply(ops, "encoder.block_1", h, wide, c.groups());
        h = AvgPool2.apply(ops, h);
        h = ResNetBlock.apply(ops, "encoder.block_2", h, wide, c.groups());
        h = ops.elu(GroupNorm.apply(ops, "encoder.norm_out", h, c.groups()));
        return Conv.same(ops, "encoder.conv_out", h, c.embedDim(), 1, true);
    }

    /** Code vectors [N, h, w, embed_dim] → frames [N, S, S, 3], about [-1, 1]. */
    static <T> T decode(Ops<T> ops, VqConfig c, T q) {
        int wide = 2 * c.channels();
        T h = Conv.same(ops, "decoder.conv_in", q, wide, 1, true);
        h = ResNetBlock.apply(ops, "decoder.block_0", h, wide, c.groups());
        h = Upsample2.apply(ops, h);
        h = ResNetBlock.apply(ops, "decoder.block_1", h, wide, c.groups());
        h = Upsample2.apply(ops, h);
        h = ResNetBlock.apply(ops, "decoder.block_2", h, c.channels(), c.groups());
        h = ops.elu(GroupNorm.apply(ops, "decoder.norm_out", h, c.groups()));
        return Conv.same(ops, "decoder.conv_out", h, 3, 3, true);
    }

    /** L2-normalises the last axis. */
    static <T> T normalize(Ops<T> ops, T z) {
        T sq = ops.reduceSum(ops.mul(z, z), true, -1);
        return ops.mul(z, ops.rsqrt(ops.add(sq, ops.scalar(NORM_EPS))));
    }

    /** The normalised codebook [codes, embed_dim]. */
    static <T> T codebook(Ops<T> ops, VqConfig c) {
        return normalize(ops, ops.param(CODEBOOK, Init.normal(1.0), c.codes(), c.embedDim()));
    }

    /** Indices [N, h, w] of the nearest code to each normalised latent {@code zn} [N, h, w, D]. */
    static <T> T nearest(Ops<T> ops, VqConfig c, T zn, T codebook) {
        int[] s = ops.shape(zn);
        T flat = ops.reshape(zn, -1, c.embedDim());
        // Squared distance between unit vectors: 2 − 2·z·e (argmin of it = argmax of the dot product).
        T dots = ops.matmul(flat, ops.transpose(codebook, 1, 0));
        T dist = ops.sub(ops.scalar(2f), ops.mul(ops.scalar(2f), dots));
        return ops.argminLast(ops.reshape(dist, s[0], s[1], s[2], c.codes()));
    }

    /** Code vectors [N, h, w, D] of {@code indices} [N, h, w] (one-hot × codebook on both back ends). */
    static <T> T lookup(Ops<T> ops, VqConfig c, T indices, T codebook) {
        int[] s = ops.shape(indices);
        T oh = ops.reshape(ops.oneHot(indices, c.codes()), -1, c.codes());
        return ops.reshape(ops.matmul(oh, codebook), s[0], s[1], s[2], c.embedDim());
    }

    /** Pixels 0..255 (as floats) → [-1, 1]: {@code 2·x/255 − 1}, as the data loader normalises. */
    static <T> T fromPixels(Ops<T> ops, T px) {
        return ops.sub(ops.mul(px, ops.scalar(2f / 255f)), ops.scalar(1f));
    }

    /** [-1, 1] → pixel scale 0..255 (unclamped, unrounded). */
    static <T> T toPixels(Ops<T> ops, T x) {
        return ops.mul(ops.add(x, ops.scalar(1f)), ops.scalar(127.5f));
    }

    // ---- whole graphs ----

    static final String FRAMES = "frames";
    static final String CODES = "codes";
    static final String X = "x";
    static final String LOSS = "loss";
    static final String RECON_LOSS = "recon_loss";
    static final String VQ_LOSS = "vq_loss";
    static final String LATENTS = "latents";
    static final String RECON = "recon";

    /** The exported encoder: uint8 frames [N, S, S, 3] → int64 codes [N, h, w]. */
    static <T> void encoderGraph(Ops<T> ops, VqConfig c, int batch) {
        T x = fromPixels(ops, ops.byteInput(FRAMES, batch, c.imageSize(), c.imageSize(), 3));
        T zn = normalize(ops, encode(ops, c, x));
        ops.indexOutput(CODES, nearest(ops, c, zn, codebook(ops, c)));
    }

    /**
     * The exported decoder: int64 codes [N, h, w] → uint8 frames [N, S, S, 3]. With
     * {@code floatOutput} the frames stay floating point in [-1, 1] (named {@link #RECON}), for
     * parity checks before quantisation to uint8.
     */
    static <T> void decoderGraph(Ops<T> ops, VqConfig c, int batch, boolean floatOutput) {
        T codes = ops.indexInput(CODES, batch, c.latent(), c.latent());
        T y = decode(ops, c, lookup(ops, c, codes, codebook(ops, c)));
        if (floatOutput) {
            ops.output(RECON, y);
        } else {
            ops.byteOutput(FRAMES, toPixels(ops, y));
        }
    }

    /**
     * The training graph: float frames {@link #X} [B, S, S, 3] in [-1, 1] → {@link #LOSS} = MSE
     * reconstruction + codebook + β·commitment; also {@link #RECON_LOSS}, {@link #VQ_LOSS},
     * the chosen {@link #CODES} and the normalised {@link #LATENTS} (for dead-code re-initialisation).
     */
    static <T> void trainingGraph(Ops<T> ops, VqConfig c, int batch) {
        T x = ops.input(X, batch, c.imageSize(), c.imageSize(), 3);
        T zn = normalize(ops, encode(ops, c, x));
        T cb = codebook(ops, c);
        T idx = nearest(ops, c, zn, cb);
        T q = lookup(ops, c, idx, cb);
        T codebookLoss = meanSquare(ops, ops.sub(ops.stopGradient(zn), q));
        T commitment = meanSquare(ops, ops.sub(zn, ops.stopGradient(q)));
        T vq = ops.add(codebookLoss, ops.mul(ops.scalar((float) c.beta()), commitment));
        // Straight-through: the decoder sees q, the encoder receives the decoder's gradient at q.
        T st = ops.add(zn, ops.stopGradient(ops.sub(q, zn)));
        T y = decode(ops, c, st);
        T recon = meanSquare(ops, ops.sub(y, x));
        ops.output(RECON_LOSS, recon);
        ops.output(VQ_LOSS, vq);
        ops.output(LOSS, ops.add(recon, vq));
        ops.indexOutput(CODES, idx);
        ops.output(LATENTS, zn);
    }

    private static <T> T meanSquare(Ops<T> ops, T d) {
        int rank = ops.shape(d).length;
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return ops.reduceMean(ops.mul(d, d), false, axes);
    }
}
