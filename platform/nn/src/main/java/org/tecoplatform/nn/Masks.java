package org.tecoplatform.nn;

/**
 * Attention masks as the original builds them: {@code [L, L]} booleans, row = query token, column =
 * key token, {@code true} = may attend. {@link #additiveBias} turns one into the additive bias the
 * original's {@code MultiHeadAttention} uses (0 where allowed, −1e10 elsewhere).
 */
public final class Masks {

    /** Added to masked logits, as {@code jax.lax.select(mask > 0, 0, -1e10)} in the original. */
    public static final float MASKED = -1e10f;

    private Masks() {
    }

    /**
     * TECO's frame-causal block mask ({@code _init_mask}: {@code tril(ones(frames, frames))}
     * repeated {@code tokensPerFrame} times along both axes): token i sees token j iff
     * frame(j) ≤ frame(i), i.e. every token of its own and earlier frames.
     */
    public static boolean[] frameCausal(int frames, int tokensPerFrame) {
        if (frames <= 0 || tokensPerFrame <= 0) {
            throw new IllegalArgumentException("frames and tokensPerFrame must be positive");
        }
        int n = Math.multiplyExact(frames, tokensPerFrame);
        boolean[] m = new boolean[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) {
            int fi = i / tokensPerFrame;
            for (int j = 0; j < n; j++) {
                m[i * n + j] = j / tokensPerFrame <= fi;
            }
        }
        return m;
    }

    /** The bidirectional mask: every token sees every token (same result as no mask). */
    public static boolean[] full(int tokens) {
        boolean[] m = new boolean[Math.multiplyExact(tokens, tokens)];
        java.util.Arrays.fill(m, true);
        return m;
    }

    /** 0 where {@code mask} allows attention, {@link #MASKED} where it does not. */
    public static float[] additiveBias(boolean[] mask) {
        float[] b = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            b[i] = mask[i] ? 0f : MASKED;
        }
        return b;
    }

    /** The side L of a square {@code [L, L]} mask. */
    public static int side(boolean[] mask) {
        int n = (int) Math.round(Math.sqrt(mask.length));
        if ((long) n * n != mask.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " entries is not square");
        }
        return n;
    }
}
