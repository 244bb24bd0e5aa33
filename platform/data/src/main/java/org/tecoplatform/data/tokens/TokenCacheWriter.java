package org.tecoplatform.data.tokens;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/**
 * Writes one split of a token cache as shard files {@code tokens-<split>-<NNNNN>.arrow} of
 * {@code episodesPerShard} episodes each, then the index {@code tokens-<split>.index}.
 *
 * <p>Each shard is written to a temp file and renamed when full, so a shard on disk is always
 * complete. Opening a writer where an earlier run stopped keeps the complete shards (after
 * checking they were made by the same tokenizer) and reports their episodes in
 * {@link #writtenIds()}; the caller skips those and goes on. At most one shard of work is
 * lost to an interruption. The index is written by {@link #finish()} only, so a reader never
 * mistakes an interrupted split for a complete one.
 */
public final class TokenCacheWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCacheWriter.class);
    /** About 150 MB of DMLab codes per shard (1024 × 300 frames × 16×16 × int16). */
    public static final int DEFAULT_EPISODES_PER_SHARD = 1024;

    private final Path dir;
    private final Split split;
    private final TokenCacheInfo info;
    private final int episodesPerShard;
    private final int rowsPerBatch;
    private final List<TokenCacheIndex.Shard> shards = new ArrayList<>();
    private final List<String> writtenIds = new ArrayList<>();
    /** Ids in the shard being written: they count as written once it commits. */
    private final List<String> pendingIds = new ArrayList<>();
    private final int resumed;
    private TokenFileWriter current;
    private int episodes;
    private boolean finished;

    private TokenCacheWriter(Path dir, Split split, TokenCacheInfo info, int episodesPerShard, int rowsPerBatch) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.split = split;
        this.info = info;
        this.episodesPerShard = episodesPerShard;
        this.rowsPerBatch = rowsPerBatch;
        Files.createDirectories(this.dir);
        removeLeftovers();
        keepCompleteShards();
        // Only now that the shards are known good: the split is incomplete until finish() writes a new index.
        Files.deleteIfExists(TokenCacheIndex.file(this.dir, split));
        this.resumed = episodes;
        if (resumed > 0) {
            LOG.info("token cache {} ({}): resuming after {} episodes in {} complete shards", this.dir, split.folder(), resumed, shards.size());
        }
    }

    /** A writer with {@link #DEFAULT_EPISODES_PER_SHARD} and {@link TokenFileWriter#DEFAULT_ROWS_PER_BATCH}. */
    public static TokenCacheWriter open(Path dir, Split split, TokenCacheInfo info) throws IOException {
        return open(dir, split, info, DEFAULT_EPISODES_PER_SHARD, TokenFileWriter.DEFAULT_ROWS_PER_BATCH);
    }

    /**
     * Opens {@code dir} for writing {@code split}, keeping the complete shards of an earlier run.
     * Shards made by another tokenizer are a {@link BadInputException} naming the file and the key.
     */
    public static TokenCacheWriter open(Path dir, Split split, TokenCacheInfo info, int episodesPerShard, int rowsPerBatch)
            throws IOException {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(info, "info");
        if (episodesPerShard < 1 || rowsPerBatch < 1) {
            throw new IllegalArgumentException("episodesPerShard and rowsPerBatch must be at least 1, got " + episodesPerShard + " and "
                    + rowsPerBatch);
        }
        return new TokenCacheWriter(dir, split, info, episodesPerShard, rowsPerBatch);
    }

    /** Whether {@code split} under {@code dir} was written to the end (its index exists). */
    public static boolean isComplete(Path dir, Split split) {
        return Files.isRegularFile(TokenCacheIndex.file(dir, split));
    }

    /** Ids of the episodes already in complete shards, in order: earlier runs' and this one's. */
    public List<String> writtenIds() {
        return Collections.unmodifiableList(writtenIds);
    }

    /** Episodes found in complete shards when the writer was opened. */
    public int resumedEpisodes() {
        return resumed;
    }

    /** Episodes written in all, including resumed ones and the shard in progress. */
    public int episodes() {
        return episodes + (current == null ? 0 : current.episodes());
    }

    public void write(TokenEpisode episode) throws IOException {
        if (finished) {
            throw new IllegalStateException("token cache " + dir + " (" + split.folder() + ") is finished");
        }
        if (current == null) {
            current = TokenFileWriter.create(dir.resolve(TokenCacheIndex.shardName(split, shards.size())), info, rowsPerBatch);
        }
        current.write(episode);
        pendingIds.add(episode.id());
        if (current.episodes() == episodesPerShard) {
            commitShard();
        }
    }

    /** Commits the last shard and writes the index: from now on the split reads as complete. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (current != null) {
            commitShard();
        }
        new TokenCacheIndex(split, shards).write(dir);
        finished = true;
    }

    /** Without {@link #finish()}, discards the shard in progress; complete shards stay for the next run. */
    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
            pendingIds.clear();
        }
        finished = true;
    }

    private void commitShard() throws IOException {
        String name = current.file().getFileName().toString();
        int n = current.episodes();
        current.commit();
        current = null;
        shards.add(new TokenCacheIndex.Shard(name, n));
        episodes += n;
        writtenIds.addAll(pendingIds);
        pendingIds.clear();
    }

    private void keepCompleteShards() throws IOException {
        for (int i = 0; ; i++) {
            Path file = dir.resolve(TokenCacheIndex.shardName(split, i));
            if (!Files.isRegularFile(file)) {
                break;
            }
            try (TokenFile shard = TokenFile.open(file, info)) {
                for (int r = 0; r < shard.size(); r++) {
                    writtenIds.add(shard.id(r));
                }
                shards.add(new TokenCacheIndex.Shard(file.getFileName().toString(), shard.size()));
                episodes += shard.size();
            }
        }
        String prefix = "tokens-" + split.folder() + "-";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*.arrow")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (shards.stream().noneMatch(s -> s.file().equals(name))) {
                    throw new BadInputException(f + ": token cache shard after a missing one (" + shards.size()
                            + " complete shards from 0): the cache was changed by hand; delete " + dir + " and tokenize again");
                }
            }
        }
    }

    private void removeLeftovers() throws IOException {
        String glob = AtomicFiles.TEMP_PREFIX + "tokens-" + split.folder() + "-*" + AtomicFiles.TEMP_SUFFIX;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, glob)) {
            for (Path t : temps) {
                LOG.info("removing {} left by an interrupted token cache writer", t);
                Files.deleteIfExists(t);
            }
        }
    }
}
