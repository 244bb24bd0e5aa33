package org.tecoplatform.data.tokens;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * One token cache file, memory-mapped: random access to any episode (row), or to a window of
 * its frames, reading only those bytes. Opening checks the metadata (against the expected
 * tokenizer, when given) and the structure of every record batch, so anything wrong is a
 * {@link org.tecoplatform.api.BadInputException} naming the file now rather than a wrong
 * number later. Safe for concurrent readers. Holds no file descriptor: the mapping outlives
 * the channel, and is released by the GC after {@link #close()}.
 */
public final class TokenFile implements AutoCloseable {

    private final Path file;
    private final TokenCacheInfo info;
    private final int codeBytes;
    private final MappedBatch[] batches;
    /** First row of each batch, for the binary search from row to batch. */
    private final int[] firstRow;
    private final int rows;
    private volatile boolean closed;

    private TokenFile(Path file, IpcFileLayout.Opened opened) {
        this.file = file;
        this.info = opened.info();
        this.codeBytes = opened.codeBytes();
        List<MappedBatch> list = opened.batches();
        this.batches = list.toArray(new MappedBatch[0]);
        this.firstRow = new int[batches.length];
        long n = 0;
        for (int i = 0; i < batches.length; i++) {
            firstRow[i] = (int) n;
            n += batches[i].rows();
            if (n > Integer.MAX_VALUE) {
                throw MappedBatch.corrupt(file, "more than " + Integer.MAX_VALUE + " rows");
            }
        }
        this.rows = (int) n;
    }

    /** Opens any valid token cache file; {@link #info()} tells what made it. */
    public static TokenFile open(Path file) throws IOException {
        return open(file, null);
    }

    /** Opens a token cache file that must have been made with {@code expected} (same tokenizer, codes and latent grid). */
    public static TokenFile open(Path file, TokenCacheInfo expected) throws IOException {
        Path absolute = file.toAbsolutePath();
        try (FileChannel ch = FileChannel.open(absolute, StandardOpenOption.READ)) {
            return new TokenFile(absolute, IpcFileLayout.open(ch, absolute, expected));
        }
    }

    public Path file() {
        return file;
    }

    public TokenCacheInfo info() {
        return info;
    }

    /** 16 or 32: how the codes are stored. */
    public int codeBits() {
        return codeBytes * 8;
    }

    /** Episodes (rows) in the file. */
    public int size() {
        return rows;
    }

    /** Arrow record batches in the file. */
    public int recordBatches() {
        return batches.length;
    }

    public String id(int row) {
        int b = batch(row);
        return batches[b].id(row - firstRow[b]);
    }

    public int frames(int row) {
        int b = batch(row);
        return batches[b].frames(row - firstRow[b]);
    }

    /** Frames summed over all episodes. */
    public long totalFrames() {
        long total = 0;
        for (int r = 0; r < rows; r++) {
            total += frames(r);
        }
        return total;
    }

    /** The whole episode at {@code row}. */
    public TokenEpisode episode(int row) {
        int t = frames(row);
        return new TokenEpisode(id(row), t, readCodes(row, 0, t), readActions(row, 0, t));
    }

    /** Codes of frames [start, start+count) of {@code row}, flattened (count, h, w). */
    public int[] readCodes(int row, int start, int count) {
        int[] out = new int[count * info.codesPerFrame()];
        readCodes(row, start, count, out, 0);
        return out;
    }

    /** Like {@link #readCodes(int, int, int)} into {@code dst} from {@code dstOffset}, so a caller can reuse one buffer. */
    public void readCodes(int row, int start, int count, int[] dst, int dstOffset) {
        int b = batch(row);
        int local = row - firstRow[b];
        window(row, batches[b].frames(local), start, count);
        int perFrame = info.codesPerFrame();
        if (dstOffset < 0 || dstOffset + count * perFrame > dst.length) {
            throw new IndexOutOfBoundsException(count * perFrame + " codes at " + dstOffset + " of a " + dst.length + "-value array");
        }
        batches[b].codes(local, start * perFrame, count * perFrame, dst, dstOffset, info.codes(), file);
    }

    /** Actions of frames [start, start+count) of {@code row}. */
    public int[] readActions(int row, int start, int count) {
        int b = batch(row);
        int local = row - firstRow[b];
        window(row, batches[b].frames(local), start, count);
        int[] out = new int[count];
        batches[b].actions(local, start, count, out, 0);
        return out;
    }

    /** Reads after this fail; the mappings go once this object is collected (Java cannot unmap explicitly). */
    @Override
    public void close() {
        closed = true;
    }

    private int batch(int row) {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("episode " + row + " of " + rows + " in " + file);
        }
        int b = Arrays.binarySearch(firstRow, row);
        if (b < 0) {
            b = -b - 2;
        }
        // Empty batches share their first row with the next one: move to the one that holds it.
        while (batches[b].rows() == 0 || row - firstRow[b] >= batches[b].rows()) {
            b++;
        }
        return b;
    }

    private void window(int row, int frames, int start, int count) {
        if (start < 0 || count < 0 || start + count > frames) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") of episode " + row + " ("
                    + frames + " frames) in " + file);
        }
    }
}
