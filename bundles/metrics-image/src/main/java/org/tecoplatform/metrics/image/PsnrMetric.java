package org.tecoplatform.metrics.image;

import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.Video;

/**
 * PSNR per frame on pixels scaled to [0, 1], as the original {@code teco/metrics.py} computes it:
 * {@code mse = mean((a - b)^2)} over H, W, C and {@code 20·log10(1) − 10·log10(mse)}. A frame equal
 * to the real one (mse 0) scores +Infinity, as {@code log(0)} makes it there. A video's score is
 * the mean of its frames' values ({@code compute_metric} averages over time).
 */
@Component(service = Metric.class, property = "teco.name=" + PsnrMetric.NAME)
public final class PsnrMetric implements Metric {

    public static final String NAME = "psnr";

    /** 255², so the mean of squared byte differences becomes the mse of [0, 1] pixels. */
    private static final double MAX_SQUARED = 255.0 * 255.0;

    @Override
    public String description() {
        return "peak signal-to-noise ratio per frame on [0,1] pixels, in dB (higher is better)";
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        ScoredFrames.check(NAME, real, fake, contextFrames);
        int fb = real.frameBytes();
        byte[] a = real.pixels();
        byte[] b = fake.pixels();
        double[] out = new double[real.frames() - contextFrames];
        for (int t = contextFrames; t < real.frames(); t++) {
            // Exact integer sum of squared differences; the one division keeps the mse as exact as doubles allow.
            long sum = 0;
            for (int i = t * fb, end = i + fb; i < end; i++) {
                int d = (a[i] & 0xFF) - (b[i] & 0xFF);
                sum += d * d;
            }
            double mse = sum / (fb * MAX_SQUARED);
            out[t - contextFrames] = psnr(mse);
        }
        return MetricScore.ofFrames(NAME, out);
    }

    /** {@code 20·log10(max_val) − 10·log10(mse)} with max_val 1; +Infinity for mse 0. */
    static double psnr(double mse) {
        return -10.0 * Math.log10(mse);
    }
}
