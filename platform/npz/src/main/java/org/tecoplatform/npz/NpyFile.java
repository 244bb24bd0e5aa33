package org.tecoplatform.npz;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plain {@code .npy} files ({@code np.save}), with the same checks as {@link NpzReader}. */
public final class NpyFile {

    private NpyFile() {
    }

    public static NpyHeader header(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return checked(file, NpyFormat.readHeader(in, file, null, null), NpzReader.DEFAULT_MAX_ARRAY_BYTES).header();
        }
    }

    public static NpyArray read(Path file) throws IOException {
        return read(file, NpzReader.DEFAULT_MAX_ARRAY_BYTES);
    }

    /** Reads a whole array of at most {@code maxArrayBytes} bytes of data. */
    public static NpyArray read(Path file, long maxArrayBytes) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NpyHeader h = checked(file, NpyFormat.readHeader(in, file, null, null), maxArrayBytes).header();
            byte[] data = in.readNBytes((int) h.dataBytes());
            return new NpyArray(h.dtype(), h.shape(), ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** Writes one array as numpy's {@code np.save} would, atomically. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(NpyFormat.encodeHeader(array.dtype(), array.shape()));
            NpzWriter.writeData(out, array.data());
        });
    }

    /** The bytes {@code np.save} writes for this array: header (format 1.0, 64-byte aligned) and data. */
    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(NpyFormat.encodeHeader(array.dtype(), array.shape()));
            NpzWriter.writeData(out, array.data());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    // The file must hold exactly header + declared data: a shorter one is truncated, a longer one is not an npy file.
    private static NpyFormat.Parsed checked(Path file, NpyFormat.Parsed parsed, long maxArrayBytes) throws IOException {
        NpyFormat.checkDeclared(file, null, parsed, maxArrayBytes, Files.size(file), "file");
        return parsed;
    }
}
