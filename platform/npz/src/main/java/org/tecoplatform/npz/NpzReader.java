package org.tecoplatform.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the arrays of an npz archive ({@code np.savez}: stored members, {@code np.savez_compressed}:
 * deflated members; zip64 as numpy always writes it). Each array is read straight into one byte
 * array, after its header's declared size has been checked against the zip entry and against
 * {@link #maxArrayBytes()}; whole-array reads also verify the member's CRC-32.
 *
 * <p>Safe for concurrent reads of different members. Close it to release the file.
 */
public final class NpzReader implements AutoCloseable {

    /** The largest array a Java byte array can hold. */
    public static final long DEFAULT_MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final String SUFFIX = ".npy";
    private static final int SKIP_CHUNK = 1 << 16;

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> members;
    private final long maxArrayBytes;

    private NpzReader(Path file, ZipFile zip, Map<String, ZipEntry> members, long maxArrayBytes) {
        this.file = file;
        this.zip = zip;
        this.members = members;
        this.maxArrayBytes = maxArrayBytes;
    }

    public static NpzReader open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_ARRAY_BYTES);
    }

    /** Opens an archive whose arrays may each hold at most {@code maxArrayBytes} bytes of data. */
    public static NpzReader open(Path file, long maxArrayBytes) throws IOException {
        if (maxArrayBytes < 0 || maxArrayBytes > DEFAULT_MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxArrayBytes must be in [0, " + DEFAULT_MAX_ARRAY_BYTES + "], got " + maxArrayBytes);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such npz file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpzFormatException(file, null, "not a readable zip archive (expected a numpy .npz, a zip of .npy members; "
                    + "the file may be truncated or corrupt): " + e.getMessage(), e);
        }
        try {
            Map<String, ZipEntry> members = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(SUFFIX)) {
                    members.putIfAbsent(e.getName().substring(0, e.getName().length() - SUFFIX.length()), e);
                }
            }
            return new NpzReader(file, zip, Collections.unmodifiableMap(members), maxArrayBytes);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public long maxArrayBytes() {
        return maxArrayBytes;
    }

    /** The array names ({@code video} for member {@code video.npy}), in archive order. */
    public Set<String> keys() {
        return members.keySet();
    }

    public boolean contains(String key) {
        return members.containsKey(key);
    }

    /** The header of one array, checked against its zip entry; reads no data. */
    public NpyHeader header(String key) throws IOException {
        ZipEntry entry = entry(key);
        try (InputStream in = zip.getInputStream(entry)) {
            return checked(entry, NpyFormat.readHeader(in, file, entry.getName(), null)).header();
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        }
    }

    /** One whole array (C order), CRC-checked. */
    public NpyArray read(String key) throws IOException {
        Loaded l = load(key);
        return new NpyArray(l.header().dtype(), l.header().shape(), ByteBuffer.wrap(l.data()).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The bytes of a whole {@code |u1} array (C order), CRC-checked: {@link #read} without the copy
     * {@link NpyArray#toUint8()} makes, for pixels on a hot path. The array is the caller's.
     */
    public byte[] readUint8(String key) throws IOException {
        Loaded l = load(key);
        requireUint8(key, l.header());
        return l.data();
    }

    /** Rows of a {@code |u1} array as {@link #readRows} reads them, without a copy. */
    public byte[] readUint8Rows(String key, int start, int count) throws IOException {
        Loaded l = loadRows(key, start, count);
        requireUint8(key, l.header());
        return l.data();
    }

    private void requireUint8(String key, NpyHeader h) throws NpzFormatException {
        if (h.dtype() != NpyDtype.UINT8) {
            throw new NpzFormatException(file, key + SUFFIX, "dtype " + h.dtype().descr() + ": expected |u1 (uint8)");
        }
    }

    /** A member's header and its data bytes. */
    private record Loaded(NpyHeader header, byte[] data) {
    }

    private Loaded load(String key) throws IOException {
        ZipEntry entry = entry(key);
        try (InputStream in = zip.getInputStream(entry)) {
            CRC32 crc = new CRC32();
            NpyFormat.Parsed parsed = checked(entry, NpyFormat.readHeader(in, file, entry.getName(), crc));
            NpyHeader h = parsed.header();
            byte[] data = readExactly(in, entry, (int) h.dataBytes(), 0, h);
            crc.update(data);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new NpzFormatException(file, entry.getName(), String.format(
                        "corrupt member: the zip directory expects CRC-32 %08x, the data read has %08x", entry.getCrc(), crc.getValue()));
            }
            return new Loaded(h, data);
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        }
    }

    /**
     * Rows {@code [start, start+count)} along the first axis, reading no further into the member
     * than their end (skipping what precedes them). Not CRC-checked: only part of the member is read.
     */
    public NpyArray readRows(String key, int start, int count) throws IOException {
        Loaded l = loadRows(key, start, count);
        return new NpyArray(l.header().dtype(), l.header().shape(), ByteBuffer.wrap(l.data()).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The header of the rows read (shape[0] = count) and their bytes. */
    private Loaded loadRows(String key, int start, int count) throws IOException {
        ZipEntry entry = entry(key);
        try (InputStream in = zip.getInputStream(entry)) {
            NpyFormat.Parsed parsed = checked(entry, NpyFormat.readHeader(in, file, entry.getName(), null));
            NpyHeader h = parsed.header();
            if (h.rank() == 0) {
                throw new IllegalArgumentException(file + ", member " + entry.getName() + ": a 0-d array has no rows");
            }
            if (start < 0 || count < 0 || (long) start + count > h.dim(0)) {
                throw new IndexOutOfBoundsException(file + ", member " + entry.getName() + ": rows [" + start + ", "
                        + ((long) start + count) + ") of an array of shape " + h.shapeText());
            }
            long rowBytes = h.dim(0) == 0 ? 0 : h.dataBytes() / h.dim(0);
            skipExactly(in, entry, rowBytes * start, h);
            int[] shape = h.shape();
            shape[0] = count;
            byte[] data = readExactly(in, entry, (int) (rowBytes * count), rowBytes * start, h);
            return new Loaded(new NpyHeader(h.dtype(), shape, h.fortranOrder()), data);
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private ZipEntry entry(String key) throws NpzFormatException {
        ZipEntry e = members.get(key);
        if (e == null) {
            throw new NpzFormatException(file, key + SUFFIX, "no such member: expected an array named '" + key
                    + "', found the arrays " + members.keySet());
        }
        return e;
    }

    private NpyFormat.Parsed checked(ZipEntry entry, NpyFormat.Parsed parsed) throws NpzFormatException {
        NpyFormat.checkDeclared(file, entry.getName(), parsed, maxArrayBytes, entry.getSize(), "zip entry");
        return parsed;
    }

    /** Reads {@code n} data bytes that start {@code offset} bytes into the data. */
    private byte[] readExactly(InputStream in, ZipEntry entry, int n, long offset, NpyHeader h) throws IOException {
        byte[] data = new byte[n];
        int got = in.readNBytes(data, 0, n);
        if (got < n) {
            throw truncated(entry, h, offset + got);
        }
        return data;
    }

    // InflaterInputStream.skip inflates in 512-byte steps; a larger scratch buffer is much faster.
    private void skipExactly(InputStream in, ZipEntry entry, long n, NpyHeader h) throws IOException {
        if (entry.getMethod() == ZipEntry.STORED) {
            long skipped = 0;
            while (skipped < n) {
                long s = in.skip(n - skipped);
                if (s <= 0) {
                    throw truncated(entry, h, skipped);
                }
                skipped += s;
            }
            return;
        }
        byte[] scratch = new byte[(int) Math.min(SKIP_CHUNK, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                throw truncated(entry, h, skipped);
            }
            skipped += r;
        }
    }

    private NpzFormatException truncated(ZipEntry entry, NpyHeader h, long got) {
        return new NpzFormatException(file, entry.getName(), "truncated data: the " + h.dtype().descr() + " array of shape "
                + h.shapeText() + " needs " + h.dataBytes() + " data bytes, the member ended after " + got + " of them");
    }

    private NpzFormatException corrupt(ZipEntry entry, IOException e) {
        return new NpzFormatException(file, entry.getName(), "corrupt or truncated zip data (expected a readable "
                + (entry.getMethod() == ZipEntry.DEFLATED ? "deflated" : "stored") + " .npy member): " + e, e);
    }
}
