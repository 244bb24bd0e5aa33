package org.tecoplatform.prior.maskgit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one code from a row of logits: softmax(logits / temperature), optionally restricted to the
 * {@code topK} largest logits (the original's {@code topk_sample}: logits below the k-th largest are
 * removed, ties with it kept). The original samples from the full softmax at temperature 1; a
 * temperature of 0 means argmax.
 */
final class CategoricalSampler {

    private final double temperature;
    private final int topK;

    /**
     * @param temperature ≥ 0; 0 picks the argmax
     * @param topK        0 for the full softmax, else the number of largest logits kept
     */
    CategoricalSampler(double temperature, int topK) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        }
        this.temperature = temperature;
        this.topK = topK;
    }

    /** Samples an index in {@code [0, k)} from {@code logits[offset, offset + k)}. */
    int sample(float[] logits, int offset, int k, SplittableRandom rng) {
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
            // Still draw, so the random stream advances the same way whatever the settings.
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
}
