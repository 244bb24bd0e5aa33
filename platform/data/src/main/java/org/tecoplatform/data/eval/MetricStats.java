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
 */
public record MetricStats(double mean, double std, int count, @JsonProperty("per_frame") double[] perFrame,
                          @JsonProperty("higher_is_better") boolean higherIsBetter) {

    public MetricStats {
        perFrame = perFrame.clone();
    }

    /** The statistics of per-video scores: {@code videos[v][f]} is video v's value at scored frame f. */
    static MetricStats of(List<double[]> videos, boolean higherIsBetter) {
        int n = videos.size();
        int frames = n == 0 ? 0 : videos.get(0).length;
        double[] means = new double[n];
        double[] curve = new double[frames];
        for (int v = 0; v < n; v++) {
            double[] s = videos.get(v);
            means[v] = Arrays.stream(s).average().orElse(Double.NaN);
            for (int f = 0; f < frames; f++) {
                curve[f] += s[f];
            }
        }
        for (int f = 0; f < frames; f++) {
            curve[f] /= n;
        }
        double mean = Arrays.stream(means).average().orElse(Double.NaN);
        double var = Arrays.stream(means).map(m -> (m - mean) * (m - mean)).average().orElse(Double.NaN);
        return new MetricStats(mean, Math.sqrt(var), n, curve, higherIsBetter);
    }

    @Override
    public double[] perFrame() {
        return perFrame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricStats s && Double.compare(mean, s.mean) == 0 && Double.compare(std, s.std) == 0
                && count == s.count && Arrays.equals(perFrame, s.perFrame) && higherIsBetter == s.higherIsBetter;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(mean) * 31 + Arrays.hashCode(perFrame);
    }
}
