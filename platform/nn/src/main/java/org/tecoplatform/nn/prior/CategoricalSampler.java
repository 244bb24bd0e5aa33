package org.tecoplatform.nn.prior;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one code from a row of logits: softmax(logits / temperature), optionally restricted to the
 * {@code topK} largest logits (the original's {@code topk_sample}: logits below the k-th largest are
 * removed, ties with it kept) and then to the nucleus of probability {@code topP} (the fewest most
 * likely codes whose probabilities sum to at least p). The original samples from the full softmax
 * at temperature 1; a temperature of 0 means argmax. Every draw takes exactly one value from the
 * random stream whatever the settings, so changing them never shifts later draws.
 */
public final class CategoricalSampler {

    private final double temperature;
    private final int topK;
    private final double topP;

    /**
     * @param temperature ≥ 0; 0 picks the argmax
     * @param topK        0 for the full softmax, else the number of largest logits kept
     * @param topP        in (0, 1]; 1 keeps every code
     */
    public CategoricalSampler(double temperature, int topK, double topP) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    /** Temperature and top-k only (top-p 1). */
    public CategoricalSampler(double temperature, int topK) {
        this(temperature, topK, 1.0);
    }

    /** Samples an index in {@code [0, k)} from {@code logits[offset, offset + k)}. */
    public int sample(float[] logits, int offset, int k, SplittableRandom rng) {
        int best = offset;
        for (int i = offset; i < offset + k; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalStateException("NaN logit at code " + (i - offset));
            }
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (temperature == 0 || topK == 1) {
            rng.nextDouble();
            return best - offset;
        }
        float cutoff = Float.NEGATIVE_INFINITY;
        if (topK > 0 && topK < k) {
            float[] sorted = Arrays.copyOfRange(logits, offset, offset + k);
            Arrays.sort(sorted);
            cutoff = sorted[k - topK];
        }
        double max = logits[best];
        double total = 0;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            float l = logits[offset + i];
            w[i] = l < cutoff ? 0 : Math.exp((l - max) / temperature);
            total += w[i];
        }
        if (topP < 1) {
            total = nucleus(w, total);
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        int last = best - offset;
        for (int i = 0; i < k; i++) {
            if (w[i] > 0) {
                acc += w[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        // u within rounding of the total: the last code with weight.
        return last;
    }

    /** Zeroes every weight outside the nucleus (ties at its edge kept); returns the new total. */
    private double nucleus(double[] w, double total) {
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double acc = 0;
        double edge = sorted[sorted.length - 1];
        for (int i = sorted.length - 1; i >= 0; i--) {
            acc += sorted[i];
            edge = sorted[i];
            if (acc >= topP * total) {
                break;
            }
        }
        double kept = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < edge) {
                w[i] = 0;
            }
            kept += w[i];
        }
        return kept;
    }
}
