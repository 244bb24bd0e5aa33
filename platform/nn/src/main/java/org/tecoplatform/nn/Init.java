package org.tecoplatform.nn;

import java.util.SplittableRandom;

/**
 * Parameter initialisers as Flax defines them. Fan-in follows Flax's {@code variance_scaling}:
 * the product of every axis but the last (receptive field × input features for HWIO kernels,
 * input features for dense kernels).
 */
@FunctionalInterface
public interface Init {

    /** Fills {@code out} (row-major, of the given shape) from {@code rng}. */
    void fill(int[] shape, float[] out, SplittableRandom rng);

    static Init zeros() {
        return (shape, out, rng) -> java.util.Arrays.fill(out, 0f);
    }

    static Init ones() {
        return (shape, out, rng) -> java.util.Arrays.fill(out, 1f);
    }

    /** normal(stddev): Flax {@code initializers.normal}. */
    static Init normal(double stddev) {
        return (shape, out, rng) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (gaussian(rng) * stddev);
            }
        };
    }

    /**
     * Flax's default kernel initialiser {@code lecun_normal} = variance_scaling(1, fan_in,
     * truncated_normal): a normal truncated to ±2 standard units, rescaled so the variance is
     * 1/fan_in (the truncated unit normal has stddev 0.8796...).
     */
    static Init lecunNormal() {
        return (shape, out, rng) -> {
            double std = Math.sqrt(1.0 / fanIn(shape)) / 0.87962566103423978;
            for (int i = 0; i < out.length; i++) {
                double z;
                do {
                    z = gaussian(rng);
                } while (z < -2 || z > 2);
                out[i] = (float) (z * std);
            }
        };
    }

    /** variance_scaling(scale, fan_in, normal): untruncated, as TECO's attention kernels use. */
    static Init varianceScalingNormal(double scale) {
        return (shape, out, rng) -> {
            double std = Math.sqrt(scale / fanIn(shape));
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (gaussian(rng) * std);
            }
        };
    }

    /** Product of every axis but the last; 1 for scalars and vectors' single axis. */
    static long fanIn(int[] shape) {
        long f = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            f *= shape[i];
        }
        return Math.max(f, 1);
    }

    /** Standard normal by Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom rng) {
        double u1;
        do {
            u1 = rng.nextDouble();
        } while (u1 == 0);
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
