package org.tecoplatform.metrics.fvd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tecoplatform.api.SetScore;

/**
 * A distance between real and generated feature sets as {@code scripts/compute_fvd.py} reports it:
 * computed on consecutive chunks of {@code chunkSize} videos (in file order; the last chunk may hold
 * fewer, and one of a single video is folded into the chunk before it), then the mean and the
 * population standard deviation ({@code np.std}) over chunks. The confidence interval is a seeded
 * percentile bootstrap: each resample draws a chunk's worth of real and, independently, of generated
 * features with replacement from the whole set and computes the distance; the interval is the
 * resamples' {@code (1 − level)/2} and {@code (1 + level)/2} percentiles (numpy's linear interpolation).
 */
final class SetStatistics {

    private SetStatistics() {
    }

    /** Chunk boundaries {@code [from, to)} over {@code n} videos. */
    static List<int[]> chunks(int n, int chunkSize) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += chunkSize) {
            out.add(new int[] {from, Math.min(n, from + chunkSize)});
        }
        if (out.size() > 1 && out.get(out.size() - 1)[1] - out.get(out.size() - 1)[0] < 2) {
            int[] last = out.remove(out.size() - 1);
            out.get(out.size() - 1)[1] = last[1];
        }
        return out;
    }

    /**
     * The score of {@code distance} on {@code real} vs {@code fake} (same count of videos).
     *
     * @param bootstrap resamples for the interval, 0 for none
     */
    static SetScore score(String name, java.util.function.ToDoubleBiFunction<double[][], double[][]> distance,
                          double[][] real, double[][] fake, int chunkSize, int bootstrap, long seed, double level) {
        int n = real.length;
        List<int[]> chunks = chunks(n, chunkSize);
        double[] values = new double[chunks.size()];
        for (int c = 0; c < values.length; c++) {
            int[] r = chunks.get(c);
            values[c] = distance.applyAsDouble(Arrays.copyOfRange(real, r[0], r[1]), Arrays.copyOfRange(fake, r[0], r[1]));
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (bootstrap > 0) {
            int size = Math.min(chunkSize, n);
            SplittableRandom rng = new SplittableRandom(seed);
            double[] draws = new double[bootstrap];
            for (int b = 0; b < bootstrap; b++) {
                draws[b] = distance.applyAsDouble(resample(real, size, rng), resample(fake, size, rng));
            }
            Arrays.sort(draws);
            lo = percentile(draws, 100 * (1 - level) / 2);
            hi = percentile(draws, 100 * (1 + level) / 2);
        }
        return new SetScore(name, mean, Math.sqrt(var), chunks.size(), chunkSize, n, lo, hi, level, bootstrap, seed, false);
    }

    private static double[][] resample(double[][] x, int size, SplittableRandom rng) {
        double[][] out = new double[size][];
        for (int i = 0; i < size; i++) {
            out[i] = x[rng.nextInt(x.length)];
        }
        return out;
    }

    /** numpy's default ('linear') percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
