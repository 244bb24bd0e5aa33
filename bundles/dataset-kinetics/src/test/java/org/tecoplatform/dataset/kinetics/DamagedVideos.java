package org.tecoplatform.dataset.kinetics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Good test videos damaged in one known way, by editing their bytes (mp4 boxes are big-endian). */
final class DamagedVideos {

    private DamagedVideos() {
    }

    /** Keeps only the first {@code fraction} of the file, as an interrupted download does. */
    static Path truncate(Path file, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return file;
    }

    /** Bytes that are no mp4 at all. */
    static Path garbage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 131 + 7);
        }
        Files.write(file, bytes);
        return file;
    }

    /**
     * Overwrites the first sample (frame 0, a keyframe) with noise; the header and the later
     * frames stay intact. Its place comes from the first chunk offset (stco) and sample size (stsz).
     */
    static Path scrambleFirstFrame(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // stco: type, version+flags, entry count, first offset. stsz: type, version+flags, sample size, count, first size.
        int offset = ByteBuffer.wrap(bytes, box(bytes, "stco") + 12, 4).getInt();
        int size = ByteBuffer.wrap(bytes, box(bytes, "stsz") + 16, 4).getInt();
        for (int i = 0; i < size; i++) {
            bytes[offset + i] = (byte) (i * 37 + 11);
        }
        Files.write(file, bytes);
        return file;
    }

    /**
     * Makes the header declare {@code width x height} frames: the size fields of the visual
     * sample entry ('mp4v'), 28 bytes after its type (6 reserved, 2 data reference index,
     * 16 pre-defined/reserved).
     */
    static Path declareSize(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int entry = box(bytes, "mp4v");
        ByteBuffer.wrap(bytes).putShort(entry + 28, (short) width).putShort(entry + 30, (short) height);
        Files.write(file, bytes);
        return file;
    }

    /** Where the type of the first box named {@code type} starts. */
    private static int box(byte[] bytes, String type) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + name.length <= bytes.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (bytes[i + j] != name[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no '" + type + "' box");
    }
}
