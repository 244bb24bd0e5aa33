package org.tecoplatform.model.teco;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tecoplatform.api.BadInputException;

/** Reading a {@link org.tecoplatform.api.StageBenchmark}'s text options, and random stand-ins for trained tables. */
public final class BenchmarkOptions {

    private BenchmarkOptions() {
    }

    /** The options, after refusing keys not in {@code known}. */
    public static Map<String, String> check(Map<String, String> options, String... known) {
        Set<String> ok = Set.of(known);
        for (String k : options.keySet()) {
            if (!ok.contains(k)) {
                throw new BadInputException("benchmark option '" + k + "' is not one of " + String.join(", ", known));
            }
        }
        return options;
    }

    public static long number(Map<String, String> options, String key, long fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("benchmark option '" + key + "' must be an integer, found '" + v + "'");
        }
    }

    /** Standard normal values: a random VQ-GAN codebook of the tokenizer's shape. */
    public static float[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
