package org.tecoplatform.npz;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes npz archives as numpy does: one member {@code <key>.npy} per array, in the map's
 * iteration order, each in npy format 1.0 with numpy's header bytes. Files are deterministic
 * (every entry is dated 1980-01-01 00:00:02) and written atomically.
 */
public final class NpzWriter {

    /**
     * Fixed so equal input gives equal bytes. numpy dates entries 1980-01-01 00:00:00, but the JDK takes
     * that exact DOS time for "before 1980" and then adds an extended timestamp that depends on the time
     * zone; two seconds later is the earliest zone-independent date.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);
    private static final int COPY_CHUNK = 1 << 16;

    private NpzWriter() {
    }

    /**
     * @param arrays     name to array, written in iteration order (use a {@link java.util.LinkedHashMap})
     * @param compressed deflate the members ({@code np.savez_compressed}) or store them ({@code np.savez})
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("npz member names must be non-empty and arrays non-null, got "
                        + e.getKey() + " -> " + e.getValue());
            }
        }
        AtomicFiles.write(file, out -> writeZip(out, arrays, compressed));
    }

    private static void writeZip(OutputStream out, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        // Not closed here: AtomicFiles owns the underlying stream; finish() writes the central directory.
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            NpyArray array = e.getValue();
            byte[] header = NpyFormat.encodeHeader(array.dtype(), array.shape());
            ByteBuffer data = array.data();
            ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
            entry.setTimeLocal(ENTRY_TIME);
            if (compressed) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                // A stored entry's size and CRC go into its local header, before the data.
                CRC32 crc = new CRC32();
                crc.update(header);
                crc.update(data.duplicate());
                long size = (long) header.length + data.remaining();
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(size);
                entry.setCompressedSize(size);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(header);
            writeData(zip, data);
            zip.closeEntry();
        }
        zip.finish();
    }

    static void writeData(OutputStream out, ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            return;
        }
        byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, Math.max(1, data.remaining()))];
        ByteBuffer b = data.duplicate();
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
