package org.tecoplatform.model.teco.net;

import java.util.List;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.AvgPool2;
import org.tecoplatform.nn.Conv;
import org.tecoplatform.nn.Dense;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ResNetBlock;

/**
 * Step 2 of the model, the posterior: each frame's VQ-GAN embeddings e_t, concatenated on
 * channels with the previous frame's e_{t−1} (a learned {@code sos_post} stands for e_0), go
 * through a ResNet encoder and a dense layer to {@code embedding_dim}.
 *
 * <p>Parameters as Flax names them: {@code sos_post [H, W, D_vq]} (normal 0.02), and under
 * {@code encoder} the original's {@code nn.Sequential}: {@code layers_0} (ResNetEncoder:
 * {@code Conv_0}, {@code ResNetBlock_i}) and {@code layers_1} (the dense layer).
 */
public final class PosteriorEncoder {

    public static final String SOS_POST = "sos_post";
    public static final String NAME = "encoder";

    private PosteriorEncoder() {
    }

    /** Largest activation of one checkpointed chunk of frames, in floats (16 MB). */
    private static final long CHUNK_ELEMENTS = 1L << 22;

    /**
     * Frames per chunk of the encoder's gradient checkpointing ({@link Ops#rowwise}): as many as
     * keep one chunk's widest activation (latent grid × depths[0]) within 16 MB. DMLab: 64 of its
     * 300 frames per chunk; the quickstart's batches fit in one chunk (no recomputation).
     */
    public static int chunkFrames(TecoConfig cfg) {
        long perFrame = (long) cfg.latentHeight() * cfg.latentWidth() * cfg.encoderDepths().get(0);
        return (int) Math.max(1, CHUNK_ELEMENTS / perFrame);
    }

    /** {@link #apply(Ops, TecoConfig, Object, int)} with {@link #chunkFrames} frames per chunk. */
    public static <T> T apply(Ops<T> ops, TecoConfig cfg, T embeddings) {
        return apply(ops, cfg, embeddings, chunkFrames(cfg));
    }

    /**
     * @param embeddings  the VQ-GAN code vectors {@code [B, F, H, W, D_vq]}
     * @param chunkFrames frames per chunk where the back end recomputes the encoder in the backward
     *                    pass instead of keeping its activations ({@link Ops#rowwise}); the
     *                    values are the same
     * @return encoder outputs {@code [B, F, h, w, embedding_dim]} (continuous, before the codebook)
     */
    public static <T> T apply(Ops<T> ops, TecoConfig cfg, T embeddings, int chunkFrames) {
        int[] s = ops.shape(embeddings);
        int b = s[0];
        int f = s[1];
        T sos = ops.param(SOS_POST, Init.normal(0.02), cfg.latentHeight(), cfg.latentWidth(), cfg.vqDim());
        T first = broadcastFrame(ops, sos, embeddings);
        // Frame t sees (e_{t-1}, e_t): the sequence shifted right by one, sos_post in front.
        T previous = f == 1 ? first : Frames.concatTime(ops, first, ops.slice(embeddings, 1, 0, f - 1));
        T inp = ops.concat(-1, List.of(previous, embeddings));
        // Each frame is encoded on its own (GroupNorm's statistics are per frame too).
        T out = ops.rowwise(Frames.fold(ops, inp), chunkFrames,
                (o, rows) -> Dense.apply(o, NAME + ".layers_1", resNetEncoder(o, cfg, rows), cfg.embeddingDim(), true));
        return Frames.unfold(ops, out, b, f);
    }

    /** sos_post {@code [H, W, D]} as a frame {@code [B, 1, H, W, D]} of the video. */
    private static <T> T broadcastFrame(Ops<T> ops, T sos, T embeddings) {
        int[] s = ops.shape(sos);
        return Frames.broadcastLike(ops, ops.reshape(sos, 1, 1, s[0], s[1], s[2]), ops.slice(embeddings, 1, 0, 1));
    }

    /**
     * The original's ResNetEncoder: conv3×3 to depths[0] and one residual block; then, for each
     * further depth, a 2×2 average pool and {@code blocks} residual blocks.
     */
    private static <T> T resNetEncoder(Ops<T> ops, TecoConfig cfg, T x) {
        String name = NAME + ".layers_0";
        List<Integer> depths = cfg.encoderDepths();
        x = Conv.same(ops, name + ".Conv_0", x, depths.get(0), 3, true);
        int block = 0;
        x = ResNetBlock.apply(ops, name + ".ResNetBlock_" + block++, x, depths.get(0));
        for (int i = 1; i < depths.size(); i++) {
            x = AvgPool2.apply(ops, x);
            for (int j = 0; j < cfg.encoderBlocks(); j++) {
                x = ResNetBlock.apply(ops, name + ".ResNetBlock_" + block++, x, depths.get(i));
            }
        }
        return x;
    }
}
