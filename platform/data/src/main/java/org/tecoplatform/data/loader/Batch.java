package org.tecoplatform.data.loader;

import java.util.Arrays;
import java.util.Objects;

/**
 * One batch of {@code size} samples of {@code frames} frames each. Arrays are row-major:
 * {@code pixels} and {@code raw} (B,T,H,W,C), {@code actions} (B,T). Which pixel arrays are
 * present follows the loader's {@link PixelFormat}; the other is {@code null}.
 *
 * @param index        the batch's number in the loader's plan, epoch × batchesPerEpoch + b; a number is
 *                     missing only where every episode of that batch was skipped as too short
 * @param epoch        the epoch the batch belongs to
 * @param size         samples (B)
 * @param frames       frames per sample (T)
 * @param height       H
 * @param width        W
 * @param channels     C
 * @param pixels       {@code 2·x/255 − 1} as float, or {@code null}
 * @param raw          the uint8 pixels as read, or {@code null}
 * @param actions      the action at each frame
 * @param episodeIds   the episode of each sample
 * @param windowStarts the first frame of each sample within its episode
 */
public record Batch(long index, long epoch, int size, int frames, int height, int width, int channels, float[] pixels,
                    byte[] raw, int[] actions, String[] episodeIds, int[] windowStarts) {

    public Batch {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(episodeIds, "episodeIds");
        Objects.requireNonNull(windowStarts, "windowStarts");
        long values = (long) size * frames * height * width * channels;
        if (pixels == null && raw == null) {
            throw new IllegalArgumentException("a batch needs float or raw pixels");
        }
        if (pixels != null && pixels.length != values || raw != null && raw.length != values) {
            throw new IllegalArgumentException("batch (" + size + "," + frames + "," + height + "," + width + "," + channels
                    + ") needs " + values + " pixel values");
        }
        if (actions.length != size * frames || episodeIds.length != size || windowStarts.length != size) {
            throw new IllegalArgumentException("batch of " + size + "x" + frames + ": " + actions.length + " actions, "
                    + episodeIds.length + " ids, " + windowStarts.length + " window starts");
        }
    }

    /** (B, T, H, W, C). */
    public int[] shape() {
        return new int[] {size, frames, height, width, channels};
    }

    /** Values in one frame (H·W·C). */
    public int frameValues() {
        return height * width * channels;
    }

    /** Frames in the batch (B·T), what throughput is counted in. */
    public long totalFrames() {
        return (long) size * frames;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b && index == b.index && epoch == b.epoch && size == b.size && frames == b.frames
                && height == b.height && width == b.width && channels == b.channels && Arrays.equals(pixels, b.pixels)
                && Arrays.equals(raw, b.raw) && Arrays.equals(actions, b.actions) && Arrays.equals(episodeIds, b.episodeIds)
                && Arrays.equals(windowStarts, b.windowStarts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, epoch, size, frames, Arrays.hashCode(actions), Arrays.hashCode(episodeIds),
                Arrays.hashCode(windowStarts));
    }

    @Override
    public String toString() {
        return "Batch(" + index + ", epoch " + epoch + ", " + size + "x" + frames + "x" + height + "x" + width + "x" + channels
                + ", episodes " + Arrays.toString(episodeIds) + ", starts " + Arrays.toString(windowStarts) + ")";
    }
}
