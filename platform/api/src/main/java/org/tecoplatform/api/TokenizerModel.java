package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/** An opened tokenizer. Not required to be thread-safe; close it to free native memory. */
@ConsumerType
public interface TokenizerModel extends AutoCloseable {

    TokenizerInfo info();

    /** Codes of every frame, row-major (N, latentHeight, latentWidth). */
    int[] encode(Video frames);

    /** Frames for {@code frames} code grids laid out as {@link #encode} returns them. */
    Video decode(int[] codes, int frames);

    /** The codebook, row-major (codes, embeddingDim), for looking codes up as vectors. */
    float[] codebook();

    @Override
    void close();
}
