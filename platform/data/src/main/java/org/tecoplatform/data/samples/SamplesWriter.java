package org.tecoplatform.data.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzWriter;

/**
 * Writes batches of generated videos into one samples folder as {@code sample.py}'s {@code save()}
 * does: {@code data_<index>.npz} with {@code real} then {@code fake}, uint8 (B, T, H, W, C),
 * each file written atomically (a reader never sees half a batch).
 */
public final class SamplesWriter {

    /** What to do with the context frames of {@code fake}. */
    public enum ContextPolicy {
        /** Overwrite them with the real ones, as the original does ({@code s[:, :ctx] = r[:, :ctx]}). */
        COPY_FROM_REAL,
        /** Refuse a batch whose fake context frames differ from the real ones (a sampler bug). */
        REQUIRE_EQUAL
    }

    private final Path folder;
    private final int contextFrames;
    private final ContextPolicy policy;
    private final boolean compressed;

    /** Compressed files ({@code np.savez_compressed}), context frames copied from the real videos. */
    public SamplesWriter(Path folder, int contextFrames) {
        this(folder, contextFrames, ContextPolicy.COPY_FROM_REAL, true);
    }

    public SamplesWriter(Path folder, int contextFrames, ContextPolicy policy, boolean compressed) {
        if (contextFrames < 0) {
            throw new IllegalArgumentException("context frames must be >= 0, got " + contextFrames);
        }
        this.folder = Objects.requireNonNull(folder, "folder");
        this.contextFrames = contextFrames;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.compressed = compressed;
    }

    /** The file a batch index goes to: {@code <folder>/data_<index>.npz}. */
    public static Path file(Path folder, int index) {
        return folder.resolve("data_" + index + ".npz");
    }

    public Path folder() {
        return folder;
    }

    public int contextFrames() {
        return contextFrames;
    }

    /**
     * Writes one batch (videos of one shape, at least {@code contextFrames} frames long) as
     * {@code data_<index>.npz}, replacing a file of that index; creates the folder if needed.
     *
     * @return the file written
     */
    public Path write(int index, List<VideoPair> batch) throws IOException {
        if (index < 0) {
            throw new IllegalArgumentException("batch index must be >= 0, got " + index);
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("an empty batch has no shape to write");
        }
        Video first = batch.get(0).real();
        if (first.frames() < contextFrames) {
            throw new IllegalArgumentException("videos of " + first.frames() + " frames cannot hold " + contextFrames
                    + " context frames");
        }
        int videoBytes = first.pixels().length;
        byte[] real = new byte[Math.multiplyExact(videoBytes, batch.size())];
        byte[] fake = new byte[real.length];
        int contextBytes = contextFrames * first.frameBytes();
        for (int b = 0; b < batch.size(); b++) {
            VideoPair pair = batch.get(b);
            if (!sameShape(first, pair.real())) {
                throw new IllegalArgumentException("video " + b + " of the batch is " + pair.real() + ", video 0 is " + first);
            }
            byte[] r = pair.real().pixels();
            byte[] f = pair.fake().pixels();
            if (policy == ContextPolicy.REQUIRE_EQUAL
                    && !Arrays.equals(r, 0, contextBytes, f, 0, contextBytes)) {
                int at = Arrays.mismatch(r, 0, contextBytes, f, 0, contextBytes);
                throw new IllegalArgumentException("video " + b + ": fake context frame " + at / first.frameBytes()
                        + " differs from the real one (the first " + contextFrames + " frames must be equal)");
            }
            System.arraycopy(r, 0, real, b * videoBytes, videoBytes);
            System.arraycopy(r, 0, fake, b * videoBytes, contextBytes);
            System.arraycopy(f, contextBytes, fake, b * videoBytes + contextBytes, videoBytes - contextBytes);
        }
        int[] shape = {batch.size(), first.frames(), first.height(), first.width(), first.channels()};
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(SamplesReader.REAL, NpyArray.uint8(shape, real));
        arrays.put(SamplesReader.FAKE, NpyArray.uint8(shape.clone(), fake));
        Files.createDirectories(folder);
        Path file = file(folder, index);
        NpzWriter.write(file, arrays, compressed);
        return file;
    }

    private static boolean sameShape(Video a, Video b) {
        return a.frames() == b.frames() && a.height() == b.height() && a.width() == b.width() && a.channels() == b.channels();
    }
}
