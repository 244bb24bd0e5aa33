package org.tecoplatform.prior.maskgit;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The original's {@code schedule(ratio, total_unknown, method)} and the training mask it drives:
 * per item r ~ U(0, 1), mask ratio = schedule(r) clipped to [1e-6, 1], and the
 * max(1, ⌊ratio·L⌋) positions whose rank in a uniformly random permutation is smallest are masked
 * (the original's {@code permutation(arange(L)) < k}).
 *
 * <p>Computed in double precision (the original uses float32); the masks are random anyway, and
 * the counts agree except where ratio·L falls within float32 rounding of an integer.
 */
final class MaskSchedule {

    /** The clip floor of the original: a ratio never reaches 0, so at least one position is masked. */
    static final double MIN_RATIO = 1e-6;

    private enum Method { COSINE, UNIFORM, POW, LOG, EXP }

    private final Method method;
    private final double exponent;
    private final String name;

    private MaskSchedule(Method method, double exponent, String name) {
        this.method = method;
        this.exponent = exponent;
        this.name = name;
    }

    /**
     * {@code cosine}, {@code uniform}, {@code pow<N>} (e.g. {@code pow2}, {@code pow0.5}), {@code log}
     * or {@code exp}, as the original accepts.
     *
     * @throws IllegalArgumentException for any other name
     */
    static MaskSchedule parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "cosine":
                return new MaskSchedule(Method.COSINE, 0, n);
            case "uniform":
                return new MaskSchedule(Method.UNIFORM, 0, n);
            case "log":
                return new MaskSchedule(Method.LOG, 0, n);
            case "exp":
                return new MaskSchedule(Method.EXP, 0, n);
            default:
                break;
        }
        if (n.startsWith("pow")) {
            double e;
            try {
                e = Double.parseDouble(n.substring(3));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("bad exponent in mask schedule '" + name + "'");
            }
            if (!(e > 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("mask schedule '" + name + "' needs an exponent > 0");
            }
            return new MaskSchedule(Method.POW, e, n);
        }
        throw new IllegalArgumentException("unknown mask schedule '" + name + "'");
    }

    String name() {
        return name;
    }

    /** The mask ratio for r in [0, 1] with {@code total} grid positions, clipped to [1e-6, 1]. */
    double ratio(double r, int total) {
        double ratio = switch (method) {
            case COSINE -> Math.cos(Math.PI / 2 * r);
            case UNIFORM -> 1 - r;
            case POW -> 1 - Math.pow(r, exponent);
            // log2(r) / log2(total): -log2(0) is +inf and clips to 1, as in the original.
            case LOG -> -Math.log(r) / Math.log(total);
            case EXP -> 1 - Math.pow(2, -log2(total) * (1 - r));
        };
        // NaN (log of a 1-position grid: 0/0) clips to the top, as masking everything is the only choice.
        return Double.isNaN(ratio) ? 1 : Math.min(1, Math.max(MIN_RATIO, ratio));
    }

    /** Positions to mask: max(1, ⌊ratio(r)·L⌋). */
    int count(double r, int length) {
        return (int) Math.max(1, Math.min(length, Math.floor(ratio(r, length) * length)));
    }

    /**
     * Draws the training masks of {@code items} items over {@code length} positions into
     * {@code out} (row-major {@code [items, length]}, 1 = masked, 0 = kept).
     */
    void draw(SplittableRandom rng, int items, int length, float[] out) {
        if (out.length != items * length) {
            throw new IllegalArgumentException("mask buffer holds " + out.length + " values, need " + items * length);
        }
        int[] rank = new int[length];
        for (int i = 0; i < items; i++) {
            int k = count(rng.nextDouble(), length);
            ChunkPlan.shuffleIdentity(rank, rng);
            for (int j = 0; j < length; j++) {
                out[i * length + j] = rank[j] < k ? 1f : 0f;
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public String toString() {
        return name;
    }
}
