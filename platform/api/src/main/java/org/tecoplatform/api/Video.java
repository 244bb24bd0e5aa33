package org.tecoplatform.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A clip of uint8 frames, row-major (T, H, W, C) as numpy stores them. Pixel values are
 * unsigned: read one with {@code pixels[i] & 0xFF}.
 */
public record Video(int frames, int height, int width, int channels, byte[] pixels) {

    public Video {
        Objects.requireNonNull(pixels, "pixels");
        if (frames < 0 || height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad video shape (" + frames + "," + height + "," + width + "," + channels + ")");
        }
        long expected = (long) frames * height * width * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("video (" + frames + "," + height + "," + width + "," + channels
                    + ") needs " + expected + " bytes, got " + pixels.length);
        }
    }

    /** Bytes in one frame (H·W·C). */
    public int frameBytes() {
        return height * width * channels;
    }

    /** Frames [start, start+length) as a new video (a copy). */
    public Video slice(int start, int length) {
        if (start < 0 || length < 0 || start + length > frames) {
            throw new IndexOutOfBoundsException("frames [" + start + "," + (start + length) + ") of a " + frames + "-frame video");
        }
        int fb = frameBytes();
        return new Video(length, height, width, channels, Arrays.copyOfRange(pixels, start * fb, (start + length) * fb));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Video v && frames == v.frames && height == v.height && width == v.width
                && channels == v.channels && Arrays.equals(pixels, v.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frames, height, width, channels, Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "Video(" + frames + "," + height + "," + width + "," + channels + ")";
    }
}
