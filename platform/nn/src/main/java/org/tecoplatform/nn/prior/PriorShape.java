package org.tecoplatform.nn.prior;

/**
 * What a prior is built for: TECO's latent grid ({@code height × width} codes per frame), the
 * size of TECO's codebook, and the channels of the conditioning tensor (deter_t) it receives
 * for every grid position.
 */
public record PriorShape(int height, int width, int codes, int condDim) {

    public PriorShape {
        if (height <= 0 || width <= 0 || codes <= 1 || condDim <= 0) {
            throw new IllegalArgumentException("bad prior shape: grid " + height + "x" + width + ", " + codes
                    + " codes, cond " + condDim);
        }
    }

    /** Grid positions per frame (L). */
    public int length() {
        return height * width;
    }

    /** The token id that means "unknown" (MaskGit's MASK): one past the last code. */
    public int maskToken() {
        return codes;
    }

    /**
     * Checks a prior graph's inputs against this shape: tokens {@code [N, h, w]} and cond
     * {@code [N, h, w, condDim]}; returns N.
     */
    public int checkGrid(int[] tokens, int[] cond) {
        if (tokens.length != 3 || tokens[1] != height || tokens[2] != width) {
            throw new IllegalArgumentException("tokens have shape " + java.util.Arrays.toString(tokens) + ", expected [N, " + height
                    + ", " + width + "]");
        }
        if (!java.util.Arrays.equals(cond, new int[] {tokens[0], height, width, condDim})) {
            throw new IllegalArgumentException("cond has shape " + java.util.Arrays.toString(cond) + ", expected [" + tokens[0] + ", "
                    + height + ", " + width + ", " + condDim + "]");
        }
        return tokens[0];
    }
}
