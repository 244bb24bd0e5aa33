package org.tecoplatform.data.loader;

/** Which pixel arrays a {@link Batch} carries. */
public enum PixelFormat {
    /** {@code float} pixels normalised to {@code 2·x/255 − 1} (model input). */
    FLOAT,
    /** The reader's uint8 pixels, unchanged (tokenizer input; a quarter of the memory). */
    UINT8,
    /** Both arrays. */
    BOTH;

    boolean wantsFloat() {
        return this != UINT8;
    }

    boolean wantsRaw() {
        return this != FLOAT;
    }
}
