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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipException;
import org.tecoplatform.npz.ZipDirectory.Entry;

/**
 * Reads the arrays of an npz archive ({@code np.savez}: stored members, {@code np.savez_compressed}:
 * deflated members; zip64 as numpy always writes it). Each array is read straight into one byte
 * array, after its header's declared size has been checked against the zip entry and against
 * {@link #maxArrayBytes()}; whole-array reads also verify the member's CRC-32.
 *
 * <p>The file is mapped into memory once, on open, and its zip directory read from the mapping
 * ({@link ZipDirectory}); a stored member is copied out of the mapping in one piece, a deflated one
 * inflated from it in a few large steps. That is what makes it faster than {@code ZipFile}, whose
 * streams inflate 8 KiB of input at a time through a {@code RandomAccessFile} copy.
 *
 * <p>Safe for concurrent reads, of the same member or different ones. Close it to release the file;
 * the mapping itself is released when it is garbage collected, as Java offers no safe way to unmap.
 */
public final class NpzReader implements AutoCloseable {

    /** The largest array a Java byte array can hold. */
    public static final long DEFAULT_MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final String SUFFIX = ".npy";

    private final Path file;
    /** {@code null} once closed. */
    private volatile MappedFile map;
    private final Map<String, Entry> members;
    private final long maxArrayBytes;

    private NpzReader(Path file, MappedFile map, Map<String, Entry> members, long maxArrayBytes) {
        this.file = file;
        this.map = map;
        this.members = members;
        this.maxArrayBytes = maxArrayBytes;
    }

    public static NpzReader open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_ARRAY_BYTES);
    }

    /** Opens an archive whose arrays may each hold at most {@code maxArrayBytes} bytes of data. */
    public static NpzReader open(Path file, long maxArrayBytes) throws IOException {
        return open(file, maxArrayBytes, MappedFile.DEFAULT_SEGMENT_BYTES);
    }

    /** {@code segmentBytes}: how much of the file one mapping covers; small in tests, to cross segment boundaries. */
    static NpzReader open(Path file, long maxArrayBytes, int segmentBytes) throws IOException {
        if (maxArrayBytes < 0 || maxArrayBytes > DEFAULT_MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxArrayBytes must be in [0, " + DEFAULT_MAX_ARRAY_BYTES + "], got " + maxArrayBytes);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such npz file");
        }
        MappedFile map = MappedFile.map(file, segmentBytes);
        try {
            Map<String, Entry> members = new LinkedHashMap<>();
            // A name ending in .npy is never a directory (those end in '/'). The first of duplicate names wins.
            for (Entry e : ZipDirectory.read(map, file, name -> name.endsWith(SUFFIX))) {
                members.putIfAbsent(e.name().substring(0, e.name().length() - SUFFIX.length()), e);
            }
            return new NpzReader(file, map, Collections.unmodifiableMap(members), maxArrayBytes);
        } catch (InternalError e) {
            try {
                throw map.faulted(e); // asks the file's length, so before the close
            } finally {
                map.close();
            }
        } catch (IOException | RuntimeException e) {
            map.close();
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
        Entry entry = entry(key);
        MappedFile m = mapped();
        try (InputStream in = stream(m, entry)) {
            return checked(entry, NpyFormat.readHeader(in, file, entry.name(), null)).header();
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        } catch (InternalError e) {
            throw m.faulted(e);
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
        Entry entry = entry(key);
        MappedFile m = mapped();
        try (InputStream in = stream(m, entry)) {
            CRC32 crc = new CRC32();
            NpyFormat.Parsed parsed = checked(entry, NpyFormat.readHeader(in, file, entry.name(), crc));
            NpyHeader h = parsed.header();
            byte[] data = readExactly(in, entry, (int) h.dataBytes(), 0, h, crc);
            if (crc.getValue() != entry.crc()) {
                throw new NpzFormatException(file, entry.name(), String.format(
                        "corrupt member: the zip directory expects CRC-32 %08x, the data read has %08x", entry.crc(), crc.getValue()));
            }
            return new Loaded(h, data);
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        } catch (InternalError e) {
            throw m.faulted(e);
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
        Entry entry = entry(key);
        MappedFile m = mapped();
        try (InputStream in = stream(m, entry)) {
            NpyFormat.Parsed parsed = checked(entry, NpyFormat.readHeader(in, file, entry.name(), null));
            NpyHeader h = parsed.header();
            if (h.rank() == 0) {
                throw new IllegalArgumentException(file + ", member " + entry.name() + ": a 0-d array has no rows");
            }
            if (start < 0 || count < 0 || (long) start + count > h.dim(0)) {
                throw new IndexOutOfBoundsException(file + ", member " + entry.name() + ": rows [" + start + ", "
                        + ((long) start + count) + ") of an array of shape " + h.shapeText());
            }
            long rowBytes = h.dim(0) == 0 ? 0 : h.dataBytes() / h.dim(0);
            skipExactly(in, entry, rowBytes * start, h);
            int[] shape = h.shape();
            shape[0] = count;
            byte[] data = readExactly(in, entry, (int) (rowBytes * count), rowBytes * start, h, null);
            return new Loaded(new NpyHeader(h.dtype(), shape, h.fortranOrder()), data);
        } catch (ZipException | EOFException e) {
            throw corrupt(entry, e);
        } catch (InternalError e) {
            throw m.faulted(e);
        }
    }

    /** Closes the file; later reads, and reads still under way, throw {@link IllegalStateException}. */
    @Override
    public void close() throws IOException {
        MappedFile m = map;
        map = null;
        if (m != null) {
            m.close();
        }
    }

    private MappedFile mapped() {
        MappedFile m = map;
        if (m == null) {
            throw new IllegalStateException(file + ": the npz reader is closed");
        }
        return m;
    }

    /** A member's uncompressed bytes: straight from the mapping (stored) or inflated from it (deflated). */
    private static InputStream stream(MappedFile m, Entry entry) {
        return entry.method() == ZipDirectory.STORED
                ? m.stream(entry.dataOffset(), entry.compressedSize())
                : new InflatingStream(m, entry.dataOffset(), entry.compressedSize());
    }

    private Entry entry(String key) throws NpzFormatException {
        Entry e = members.get(key);
        if (e == null) {
            throw new NpzFormatException(file, key + SUFFIX, "no such member: expected an array named '" + key
                    + "', found the arrays " + members.keySet());
        }
        return e;
    }

    private NpyFormat.Parsed checked(Entry entry, NpyFormat.Parsed parsed) throws NpzFormatException {
        NpyFormat.checkDeclared(file, entry.name(), parsed, maxArrayBytes, entry.size(), "zip entry");
        return parsed;
    }

    /**
     * Reads {@code n} data bytes that start {@code offset} bytes into the data, updating {@code crc}
     * (when not null) after each read, while the bytes just inflated are still in cache.
     */
    private byte[] readExactly(InputStream in, Entry entry, int n, long offset, NpyHeader h, CRC32 crc) throws IOException {
        byte[] data = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(data, got, n - got);
            if (r < 0) {
                throw truncated(entry, h, offset + got);
            }
            if (crc != null) {
                crc.update(data, got, r);
            }
            got += r;
        }
        return data;
    }

    // Both streams skip cheaply: a stored one moves its position, a deflated one inflates in large chunks.
    private void skipExactly(InputStream in, Entry entry, long n, NpyHeader h) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            long s = in.skip(n - skipped);
            if (s <= 0) {
                throw truncated(entry, h, skipped);
            }
            skipped += s;
        }
    }

    private NpzFormatException truncated(Entry entry, NpyHeader h, long got) {
        return new NpzFormatException(file, entry.name(), "truncated data: the " + h.dtype().descr() + " array of shape "
                + h.shapeText() + " needs " + h.dataBytes() + " data bytes, the member ended after " + got + " of them");
    }

    private NpzFormatException corrupt(Entry entry, IOException e) {
        return new NpzFormatException(file, entry.name(), "corrupt or truncated zip data (expected a readable "
                + (entry.method() == ZipDirectory.DEFLATED ? "deflated" : "stored") + " .npy member): " + e.getMessage(), e);
    }
}
