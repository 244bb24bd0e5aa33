package org.tecoplatform.dataset.kinetics;

import java.util.Arrays;
import org.tecoplatform.api.Video;

/** Output frames collected one by one into a growing (T, H, W, 3) array, so nothing is allocated for frames a file only claims. */
final class FrameBuffer {

    /** The most bytes one Java array holds. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final int size;
    private final int frameBytes;
    private byte[] data;
    private int frames;

    FrameBuffer(int size, int expectedFrames) {
        this.size = size;
        this.frameBytes = size * size * 3;
        this.data = new byte[Math.max(0, expectedFrames) * frameBytes];
    }

    /** How many frames fit in one array at this size. */
    static int maxFrames(int size) {
        return (int) (MAX_BYTES / ((long) size * size * 3));
    }

    int frames() {
        return frames;
    }

    /** Makes room for one more frame and returns where its bytes go; the caller fills them. */
    int append() {
        if ((long) (frames + 1) * frameBytes > data.length) {
            long grown = Math.min(Math.max(2L * frames, 16L), maxFrames(size));
            if (grown <= frames) {
                throw new IllegalStateException(frames + " frames of " + size + "x" + size + " fill the largest Java array");
            }
            data = Arrays.copyOf(data, (int) (grown * frameBytes));
        }
        return frames++ * frameBytes;
    }

    byte[] data() {
        return data;
    }

    Video video() {
        int bytes = frames * frameBytes;
        return new Video(frames, size, size, 3, bytes == data.length ? data : Arrays.copyOf(data, bytes));
    }
}
