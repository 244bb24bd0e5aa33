package org.tecoplatform.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The inflated bytes of one deflated member, fed from the mapping in large chunks. A read asks
 * zlib for everything the caller wants at once, so a whole array inflates in about one native call
 * per 256 KiB of input, where {@code ZipFile}'s stream makes one per 8 KiB, each read through a
 * {@code RandomAccessFile} copy.
 *
 * <p>Input is copied into a heap array rather than handed to zlib as the mapped buffer: zlib
 * touching a mapped page that a truncation took away would crash the JVM (see {@link MappedFile}).
 * The chunks also bound how long one native call pins the output array. Not thread-safe: one
 * stream per read.
 */
final class InflatingStream extends InputStream {

    /** Enough for the npy header of a header-only read; later refills use {@link #INPUT_CHUNK}. */
    private static final int FIRST_CHUNK = 4 << 10;
    static final int INPUT_CHUNK = 256 << 10;
    /** Skipped rows are inflated into a scratch array of this size, reused for the whole skip. */
    static final int SKIP_CHUNK = 1 << 20;

    private final MappedFile map;
    private final long end;
    private final Inflater inflater = new Inflater(true);
    private long pos;
    private byte[] input;
    private boolean dummyGiven;

    InflatingStream(MappedFile map, long start, long length) {
        this.map = map;
        this.pos = start;
        this.end = start + length;
        this.input = new byte[(int) Math.max(1, Math.min(FIRST_CHUNK, length))];
    }

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
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                // As ZipFile's stream reports it, so corruption reads the same as before.
                throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (n > 0) {
                return n;
            }
            if (inflater.finished()) {
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("the deflate stream asks for a preset dictionary, which zip members never use");
            }
            if (!inflater.needsInput()) {
                throw new ZipException("the inflater made no progress with input left");
            }
            refill();
        }
    }

    private void refill() throws IOException {
        if (pos < end) {
            if (input.length < INPUT_CHUNK && end - pos > input.length) {
                input = new byte[(int) Math.min(INPUT_CHUNK, end - pos)];
            }
            int k = (int) Math.min(input.length, end - pos);
            map.copy(pos, input, 0, k);
            pos += k;
            inflater.setInput(input, 0, k);
        } else if (!dummyGiven) {
            // Inflater's documented need in nowrap mode (ZipFile's stream does the same): one extra byte.
            dummyGiven = true;
            inflater.setInput(new byte[1], 0, 1);
        } else {
            throw new EOFException("Unexpected end of ZLIB input stream");
        }
    }

    /** Skips by inflating, {@link #SKIP_CHUNK} bytes at a time; returns fewer than {@code n} only at the end. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(SKIP_CHUNK, n)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
