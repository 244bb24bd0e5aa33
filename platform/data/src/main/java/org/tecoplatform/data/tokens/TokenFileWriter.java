package org.tecoplatform.data.tokens;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes one token cache file: episodes are buffered into Arrow record batches of
 * {@code rowsPerBatch} rows and streamed to a temp file, which {@link #commit()} renames into
 * place. Closing without committing deletes the temp file, so the target is never partial.
 */
public final class TokenFileWriter implements AutoCloseable {

    /** Rows per record batch by default: about 10 MB of DMLab codes (64 × 300 frames × 16×16 × int16). */
    public static final int DEFAULT_ROWS_PER_BATCH = 64;

    private final Path target;
    private final Path tmp;
    private final TokenCacheInfo info;
    private final int rowsPerBatch;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final FileChannel channel;
    private final ArrowFileWriter writer;
    private final List<TokenEpisode> pending = new ArrayList<>();
    private int episodes;
    private boolean done;

    private TokenFileWriter(Path target, TokenCacheInfo info, int rowsPerBatch) throws IOException {
        this.target = target.toAbsolutePath();
        this.tmp = AtomicFiles.tempFor(this.target);
        this.info = info;
        this.rowsPerBatch = rowsPerBatch;
        this.allocator = new RootAllocator();
        VectorSchemaRoot r = null;
        FileChannel ch = null;
        try {
            r = VectorSchemaRoot.create(TokenSchema.of(info), allocator);
            ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.writer = new ArrowFileWriter(r, new DictionaryProvider.MapDictionaryProvider(), ch);
            this.writer.start();
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            if (r != null) {
                r.close();
            }
            allocator.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
        this.root = r;
        this.channel = ch;
    }

    /** Starts writing {@code file} (created or replaced on {@link #commit()}). */
    public static TokenFileWriter create(Path file, TokenCacheInfo info, int rowsPerBatch) throws IOException {
        if (rowsPerBatch < 1) {
            throw new IllegalArgumentException("rowsPerBatch must be at least 1, got " + rowsPerBatch);
        }
        return new TokenFileWriter(file, info, rowsPerBatch);
    }

    /** {@link #create(Path, TokenCacheInfo, int)} with {@link #DEFAULT_ROWS_PER_BATCH}. */
    public static TokenFileWriter create(Path file, TokenCacheInfo info) throws IOException {
        return create(file, info, DEFAULT_ROWS_PER_BATCH);
    }

    /** Adds one episode; its codes must be T×h×w values in [0, codes). */
    public void write(TokenEpisode e) throws IOException {
        if (done) {
            throw new IllegalStateException(target + " is already committed or closed");
        }
        int perFrame = info.codesPerFrame();
        if (e.codes().length != e.frames() * perFrame) {
            throw new IllegalArgumentException("episode " + e.id() + ": " + e.codes().length + " codes for " + e.frames()
                    + " frames of " + info.latentHeight() + "x" + info.latentWidth());
        }
        int[] codes = e.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= info.codes()) {
                throw new IllegalArgumentException("episode " + e.id() + ": code " + codes[i] + " at " + i + " is outside [0, "
                        + info.codes() + ")");
            }
        }
        pending.add(e);
        episodes++;
        if (pending.size() == rowsPerBatch) {
            flush();
        }
    }

    /** Episodes written so far. */
    public int episodes() {
        return episodes;
    }

    public Path file() {
        return target;
    }

    /** Writes the last batch and the footer, syncs, and renames the file into place. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException(target + " is already committed or closed");
        }
        flush();
        writer.end();
        channel.force(true);
        done = true;
        try {
            release();
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Discards an uncommitted file; after {@link #commit()} it does nothing. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            release();
            Files.deleteIfExists(tmp);
        }
    }

    private void release() throws IOException {
        try {
            writer.close();
        } finally {
            root.close();
            allocator.close();
            channel.close();
        }
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        root.clear();
        root.allocateNew();
        VarCharVector ids = (VarCharVector) root.getVector(TokenSchema.EPISODE_ID);
        IntVector frames = (IntVector) root.getVector(TokenSchema.FRAMES);
        ListVector codes = (ListVector) root.getVector(TokenSchema.CODES);
        ListVector actions = (ListVector) root.getVector(TokenSchema.ACTIONS);
        for (int row = 0; row < pending.size(); row++) {
            TokenEpisode e = pending.get(row);
            ids.setSafe(row, e.id().getBytes(StandardCharsets.UTF_8));
            frames.setSafe(row, e.frames());
            fill(codes, row, e.codes());
            fill(actions, row, e.actions());
        }
        root.setRowCount(pending.size());
        writer.writeBatch();
        pending.clear();
    }

    private static void fill(ListVector list, int row, int[] values) {
        int start = list.startNewValue(row);
        BaseFixedWidthVector items = (BaseFixedWidthVector) list.getDataVector();
        // Grow once per episode, then plain set(): setSafe's per-value capacity check halved the write speed.
        while (items.getValueCapacity() < start + values.length) {
            items.reAlloc();
        }
        if (items instanceof SmallIntVector shorts) {
            for (int i = 0; i < values.length; i++) {
                shorts.set(start + i, (short) values[i]);
            }
        } else {
            IntVector ints = (IntVector) items;
            for (int i = 0; i < values.length; i++) {
                ints.set(start + i, values[i]);
            }
        }
        list.endValue(row, values.length);
    }
}
