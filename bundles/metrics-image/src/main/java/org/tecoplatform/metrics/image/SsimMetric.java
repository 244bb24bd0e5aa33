package org.tecoplatform.metrics.image;

import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.Video;

/**
 * SSIM per frame on pixels scaled to [0, 1], as the original {@code teco/metrics.py} computes it:
 * an 11×11 Gaussian window (σ 1.5) applied per channel with 'valid' filtering (no padding: an
 * H×W frame gives (H−10)×(W−10) values), k1 0.01, k2 0.03, max_val 1,
 * <pre>
 *   luminance = (2·μx·μy + c1) / (μx² + μy² + c1)
 *   cs        = (2·f(x·y) − 2·μx·μy + c2) / (f(x² + y²) − (μx² + μy²) + c2)
 * </pre>
 * with f the window filter and μ = f(x); the mean of luminance·cs over the valid positions of each
 * channel, then the mean over channels. A video's score is the mean over its frames.
 */
@Component(service = Metric.class, property = "teco.name=" + SsimMetric.NAME)
public final class SsimMetric implements Metric {

    public static final String NAME = "ssim";

    static final int FILTER_SIZE = 11;
    static final double FILTER_SIGMA = 1.5;
    static final double K1 = 0.01;
    static final double K2 = 0.03;
    static final double MAX_VAL = 1.0;

    @Override
    public String description() {
        return "structural similarity per frame (11x11 Gaussian window, sigma 1.5, valid filtering; higher is better)";
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        ScoredFrames.check(NAME, real, fake, contextFrames);
        if (real.height() < FILTER_SIZE || real.width() < FILTER_SIZE) {
            // The original's 'valid' filter leaves nothing to average there and returns NaN.
            throw new BadInputException(NAME + ": frames of " + real.height() + "x" + real.width() + " are smaller than its "
                    + FILTER_SIZE + "x" + FILTER_SIZE + " window (expected at least " + FILTER_SIZE + "x" + FILTER_SIZE + ")");
        }
        SsimFrame frame = new SsimFrame(real.height(), real.width(), real.channels(),
                GaussianWindow.taps(FILTER_SIZE, FILTER_SIGMA), K1, K2, MAX_VAL);
        int fb = real.frameBytes();
        double[] out = new double[real.frames() - contextFrames];
        for (int t = contextFrames; t < real.frames(); t++) {
            out[t - contextFrames] = frame.ssim(real.pixels(), fake.pixels(), t * fb);
        }
        return MetricScore.ofFrames(NAME, out);
    }
}
