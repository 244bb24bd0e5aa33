package org.tecoplatform.data.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * One metric over a samples folder.
 *
 * @param mean           the mean over videos of each video's mean over its scored frames
 * @param std            the population standard deviation (numpy's default) of those video means
 * @param count          the number of videos
 * @param perFrame       the mean over videos of each scored frame, frame {@code contextFrames} first
 * @param higherIsBetter whether larger values mean better videos
 * @param nonFiniteFrames scored frames whose value is infinite or NaN (PSNR of a frame identical to the
 *                        real one is +∞ by the original's definition, which makes {@code mean} +∞)
 * @param finiteMean     {@code mean} computed over the finite frames only: a readable companion when
 *                       {@code nonFiniteFrames} > 0 (equal to {@code mean} otherwise)
 */
public record MetricStats(double mean, double std, int count, @JsonProperty("per_frame") double[] perFrame,
                          @JsonProperty("higher_is_better") boolean higherIsBetter,
                          @JsonProperty("non_finite_frames") int nonFiniteFrames, @JsonProperty("finite_mean") double finiteMean) {

    public MetricStats {
        perFrame = perFrame.clone();
    }

    /** Statistics of all-finite scores. */
    public MetricStats(double mean, double std, int count, double[] perFrame, boolean higherIsBetter) {
        this(mean, std, count, perFrame, higherIsBetter, 0, mean);
    }

    /** The statistics of per-video scores: {@code videos[v][f]} is video v's value at scored frame f. */
    static MetricStats of(List<double[]> videos, boolean higherIsBetter) {
        int n = videos.size();
        int frames = n == 0 ? 0 : videos.get(0).length;
        double[] means = new double[n];
        double[] finiteMeans = new double[n];
        int nonFinite = 0;
        double[] curve = new double[frames];
        for (int v = 0; v < n; v++) {
            double[] s = videos.get(v);
            means[v] = Arrays.stream(s).average().orElse(Double.NaN);
            finiteMeans[v] = Arrays.stream(s).filter(Double::isFinite).average().orElse(Double.NaN);
            nonFinite += (int) Arrays.stream(s).filter(x -> !Double.isFinite(x)).count();
            for (int f = 0; f < frames; f++) {
                curve[f] += s[f];
            }
        }
        for (int f = 0; f < frames; f++) {
            curve[f] /= n;
        }
        double mean = Arrays.stream(means).average().orElse(Double.NaN);
        double var = Arrays.stream(means).map(m -> (m - mean) * (m - mean)).average().orElse(Double.NaN);
        double finiteMean = Arrays.stream(finiteMeans).filter(Double::isFinite).average().orElse(Double.NaN);
        return new MetricStats(mean, Math.sqrt(var), n, curve, higherIsBetter, nonFinite, finiteMean);
    }

    @Override
    public double[] perFrame() {
        return perFrame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricStats s && Double.compare(mean, s.mean) == 0 && Double.compare(std, s.std) == 0
                && count == s.count && Arrays.equals(perFrame, s.perFrame) && higherIsBetter == s.higherIsBetter
                && nonFiniteFrames == s.nonFiniteFrames && Double.compare(finiteMean, s.finiteMean) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(mean) * 31 + Arrays.hashCode(perFrame);
    }
}
