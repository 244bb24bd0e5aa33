package org.tecoplatform.data.loader;

/** uint8 pixels to the model's range: {@code 2·x/255 − 1}, as TECO feeds frames. */
public final class Pixels {

    // A table lookup measured ~2x faster than the arithmetic here, and each entry is the float
    // nearest to the exact value (computed in double), so no rounding order is baked in.
    private static final float[] UNIT = new float[256];

    static {
        for (int x = 0; x < 256; x++) {
            UNIT[x] = (float) (2.0 * x / 255.0 - 1.0);
        }
    }

    private Pixels() {
    }

    /** The model value of one uint8 pixel (given as the signed byte Java stores). */
    public static float toUnit(byte pixel) {
        return UNIT[pixel & 0xFF];
    }

    /** Writes {@code 2·x/255 − 1} of {@code count} bytes from {@code src[srcOff]} to {@code dst[dstOff]}. */
    public static void toUnit(byte[] src, int srcOff, float[] dst, int dstOff, int count) {
        if (srcOff < 0 || dstOff < 0 || count < 0 || srcOff + count > src.length || dstOff + count > dst.length) {
            throw new IndexOutOfBoundsException("normalise " + count + " values from " + srcOff + " of " + src.length
                    + " to " + dstOff + " of " + dst.length);
        }
        float[] unit = UNIT;
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = unit[src[srcOff + i] & 0xFF];
        }
    }
}
