package org.tecoplatform.data.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-frame metrics over the revisiting frames only ({@link RevisitFrames}): frames after the
 * context whose real frame repeats a context frame. Means are over those frames pooled across
 * videos (videos revisit different numbers of frames).
 *
 * @param frames   revisiting frames scored, all videos together
 * @param videos   videos with at least one revisiting frame
 * @param model    the model's mean per metric name
 * @param baseline the copy-last-frame baseline's mean per metric name, or {@code null} when no baseline was scored
 */
@JsonPropertyOrder({"frames", "videos", "model", "baseline"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevisitStats(int frames, int videos, Map<String, Mean> model, Map<String, Mean> baseline) {

    public RevisitStats {
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        baseline = baseline == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
    }

    /**
     * @param mean            the mean over the revisiting frames (+∞ for PSNR when any is an exact copy)
     * @param nonFiniteFrames frames whose value is infinite or NaN
     * @param finiteMean      the mean over the finite values only
     */
    @JsonPropertyOrder({"mean", "non_finite_frames", "finite_mean"})
    public record Mean(double mean, @JsonProperty("non_finite_frames") int nonFiniteFrames,
                       @JsonProperty("finite_mean") double finiteMean) {

        static Mean of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            int nonFinite = (int) values.stream().filter(v -> !Double.isFinite(v)).count();
            double finite = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
            return new Mean(mean, nonFinite, finite);
        }
    }

    /** Collects per-frame values of the revisiting frames, video by video. */
    static final class Pool {
        private final Map<String, List<Double>> model = new LinkedHashMap<>();
        private final Map<String, List<Double>> baseline = new LinkedHashMap<>();
        private int frames;
        private int videos;

        /**
         * @param revisit  the video's revisiting frame indices ({@link RevisitFrames#find})
         * @param ctx      context frames: per-frame value i belongs to frame ctx + i
         * @param model    the model's per-frame values by metric
         * @param baseline the baseline's, or {@code null}
         */
        void add(int[] revisit, int ctx, Map<String, double[]> model, Map<String, double[]> baseline) {
            if (revisit.length == 0) {
                return;
            }
            frames += revisit.length;
            videos++;
            collect(revisit, ctx, model, this.model);
            if (baseline != null) {
                collect(revisit, ctx, baseline, this.baseline);
            }
        }

        private static void collect(int[] revisit, int ctx, Map<String, double[]> perFrame, Map<String, List<Double>> into) {
            perFrame.forEach((name, values) -> {
                List<Double> list = into.computeIfAbsent(name, k -> new java.util.ArrayList<>());
                for (int t : revisit) {
                    list.add(values[t - ctx]);
                }
            });
        }

        /** The statistics, or {@code null} when no video had a revisiting frame. */
        RevisitStats stats(boolean withBaseline) {
            if (frames == 0) {
                return null;
            }
            return new RevisitStats(frames, videos, means(model), withBaseline ? means(baseline) : null);
        }

        private static Map<String, Mean> means(Map<String, List<Double>> values) {
            Map<String, Mean> out = new LinkedHashMap<>();
            values.forEach((name, list) -> out.put(name, Mean.of(list)));
            return out;
        }
    }
}
