package org.tecoplatform.npz;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A whole file mapped read-only, read by absolute bulk copies only (safe from any number of
 * threads). The mapping lives until it is garbage collected: Java has no safe way to unmap.
 *
 * <p>A file truncated while mapped is the hazard of mapping: touching a page past its new end
 * faults. Hence every access is a copy into a heap array, never a mapped buffer handed to native
 * code (zlib faulting there would crash the JVM), and every copy first checks the file's current
 * length, so a truncated file is reported as an {@link NpzFormatException}. A copy that a
 * truncation overtakes faults anyway; HotSpot then raises an {@link InternalError}, possibly a
 * little later, which {@link #faulted} turns into the same exception where a reader catches it.
 * For that check the file stays open (a {@link RandomAccessFile}, whose {@code length()} an
 * interrupt cannot break, unlike a {@link FileChannel}'s {@code size()}, which would close it).
 */
final class MappedFile implements AutoCloseable {

    /** A mapping is indexed by int: files larger than this are mapped in several segments. */
    static final int DEFAULT_SEGMENT_BYTES = 1 << 30;

    private final Path file;
    private final RandomAccessFile handle;
    private final long size;
    private final int segmentBytes;
    private final MappedByteBuffer[] segments;

    private MappedFile(Path file, RandomAccessFile handle, long size, int segmentBytes, MappedByteBuffer[] segments) {
        this.file = file;
        this.handle = handle;
        this.size = size;
        this.segmentBytes = segmentBytes;
        this.segments = segments;
    }

    static MappedFile map(Path file) throws IOException {
        return map(file, DEFAULT_SEGMENT_BYTES);
    }

    /** {@code segmentBytes} is a parameter so tests can make small files cross segment boundaries. */
    static MappedFile map(Path file, int segmentBytes) throws IOException {
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive, got " + segmentBytes);
        }
        // Mapped through the handle kept open, so both are the same file even if the path is replaced meanwhile.
        RandomAccessFile handle = new RandomAccessFile(file.toFile(), "r");
        try {
            long size = handle.length();
            FileChannel ch = handle.getChannel();
            int count = (int) ((size + segmentBytes - 1) / segmentBytes);
            MappedByteBuffer[] segments = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = (long) i * segmentBytes;
                segments[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(segmentBytes, size - start));
            }
            return new MappedFile(file, handle, size, segmentBytes, segments);
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** The file's size when it was mapped. */
    long size() {
        return size;
    }

    /** Copies {@code len} bytes at file position {@code pos} into {@code dst[off..]}. */
    void copy(long pos, byte[] dst, int off, int len) throws NpzFormatException {
        if (pos < 0 || len < 0 || pos > size - len) {
            throw new IndexOutOfBoundsException("bytes [" + pos + ", " + (pos + len) + ") of a " + size + "-byte file");
        }
        long now = length();
        if (now < size) {
            throw shrank(now, null);
        }
        try {
            while (len > 0) {
                int segment = (int) (pos / segmentBytes);
                int at = (int) (pos % segmentBytes);
                int n = Math.min(len, segments[segment].limit() - at);
                segments[segment].get(at, dst, off, n);
                pos += n;
                off += n;
                len -= n;
            }
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /**
     * An {@link InternalError} caught while reading, as an {@link NpzFormatException} when the file is
     * now shorter (what HotSpot raises for a fault in a mapped page past the end); otherwise rethrown.
     */
    NpzFormatException faulted(InternalError e) {
        long now = length();
        if (now < size) {
            return shrank(now, e);
        }
        throw e;
    }

    private NpzFormatException shrank(long now, Throwable cause) {
        return new NpzFormatException(file, null, "the file changed while it was read: expected the " + size
                + " bytes it had when opened, found " + now + " (was it rewritten in place? write a new file and rename it)", cause);
    }

    /** The file's current length (an fstat of the open file, not of whatever the path names now). */
    private long length() {
        try {
            return handle.length();
        } catch (IOException e) {
            // Closed: by close(), or a read still under way when another thread closed the reader.
            throw new IllegalStateException(file + ": the npz reader is closed", e);
        }
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }

    /** {@code len} bytes at {@code pos}, for small structures (zip headers). */
    byte[] bytes(long pos, int len) throws NpzFormatException {
        byte[] b = new byte[len];
        copy(pos, b, 0, len);
        return b;
    }

    /** The bytes {@code [start, start+length)} as a stream, for the npy header of a stored member. */
    InputStream stream(long start, long length) {
        return new InputStream() {
            private long pos = start;
            private final long end = start + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= end) {
                    return -1;
                }
                int n = (int) Math.min(len, end - pos);
                copy(pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long s = Math.max(0, Math.min(n, end - pos));
                pos += s;
                return s;
            }
        };
    }
}
