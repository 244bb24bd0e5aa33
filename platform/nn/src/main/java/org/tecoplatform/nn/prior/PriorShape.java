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
}
