package org.tecoplatform.api;

import java.util.Arrays;
import java.util.Objects;

/** One video's score: per-frame values (after the context) and their mean. */
public record MetricScore(String metric, double[] perFrame, double mean) {

    public MetricScore {
        Objects.requireNonNull(metric, "metric");
        perFrame = perFrame.clone();
    }

    /** A score whose mean is the mean of the per-frame values. */
    public static MetricScore ofFrames(String metric, double[] perFrame) {
        return new MetricScore(metric, perFrame, Arrays.stream(perFrame).average().orElse(Double.NaN));
    }

    @Override
    public double[] perFrame() {
        return perFrame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricScore s && metric.equals(s.metric) && Arrays.equals(perFrame, s.perFrame)
                && Double.compare(mean, s.mean) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, Arrays.hashCode(perFrame), mean);
    }
}
