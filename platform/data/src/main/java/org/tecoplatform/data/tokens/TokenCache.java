package org.tecoplatform.data.tokens;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/**
 * One complete split of a token cache, read through its index as a single list of episodes
 * across the shard files (each memory-mapped, see {@link TokenFile}). Safe for concurrent readers.
 */
public final class TokenCache implements AutoCloseable {

    private final Path dir;
    private final Split split;
    private final TokenCacheInfo info;
    private final TokenFile[] shards;
    private final int[] firstEpisode;
    private final int size;

    private TokenCache(Path dir, Split split, TokenCacheInfo info, List<TokenFile> shards) {
        this.dir = dir;
        this.split = split;
        this.info = info;
        this.shards = shards.toArray(new TokenFile[0]);
        this.firstEpisode = new int[this.shards.length];
        long n = 0;
        for (int i = 0; i < this.shards.length; i++) {
            firstEpisode[i] = (int) n;
            n += this.shards[i].size();
        }
        if (n > Integer.MAX_VALUE) {
            throw new BadInputException(dir + ": token cache of " + split.folder() + " holds " + n + " episodes, more than "
                    + Integer.MAX_VALUE);
        }
        this.size = (int) n;
    }

    /**
     * Opens the complete {@code split} under {@code dir}. With {@code expected}, every shard must
     * have been made with it; without, the shards must agree with each other.
     */
    public static TokenCache open(Path dir, Split split, TokenCacheInfo expected) throws IOException {
        Path absolute = dir.toAbsolutePath();
        TokenCacheIndex index = TokenCacheIndex.read(absolute, split);
        List<TokenFile> files = new ArrayList<>();
        TokenCacheInfo info = expected;
        for (TokenCacheIndex.Shard shard : index.shards()) {
            Path shardFile = absolute.resolve(shard.file());
            if (!java.nio.file.Files.isRegularFile(shardFile)) {
                throw new BadInputException(shardFile + ": missing; the token cache index " + TokenCacheIndex.file(absolute, split)
                        + " lists it with " + shard.episodes() + " episodes: the cache was changed after it was written, tokenize again"
                        + " (teco run ... --stages tokenize --force)");
            }
            TokenFile f = TokenFile.open(shardFile, info);
            if (f.size() != shard.episodes()) {
                throw new BadInputException(f.file() + ": holds " + f.size() + " episodes but the token cache index lists "
                        + shard.episodes() + "; the cache was changed after it was written: tokenize again");
            }
            info = f.info();
            files.add(f);
        }
        return new TokenCache(absolute, split, info, files);
    }

    /** Whether {@code split} under {@code dir} was written to the end. */
    public static boolean isComplete(Path dir, Split split) {
        return TokenCacheWriter.isComplete(dir, split);
    }

    /** What made the cache; {@code null} only for an empty split opened without an expectation. */
    public TokenCacheInfo info() {
        return info;
    }

    public Path dir() {
        return dir;
    }

    public Split split() {
        return split;
    }

    /** Episodes in the split. */
    public int size() {
        return size;
    }

    /** The shard files, in order. */
    public List<TokenFile> shards() {
        return List.of(shards);
    }

    /** Frames summed over all episodes. */
    public long totalFrames() {
        long total = 0;
        for (TokenFile f : shards) {
            total += f.totalFrames();
        }
        return total;
    }

    public String id(int episode) {
        int s = shard(episode);
        return shards[s].id(episode - firstEpisode[s]);
    }

    public int frames(int episode) {
        int s = shard(episode);
        return shards[s].frames(episode - firstEpisode[s]);
    }

    public TokenEpisode episode(int episode) {
        int s = shard(episode);
        return shards[s].episode(episode - firstEpisode[s]);
    }

    /** Codes of frames [start, start+count) of {@code episode}, flattened (count, h, w). */
    public int[] readCodes(int episode, int start, int count) {
        int s = shard(episode);
        return shards[s].readCodes(episode - firstEpisode[s], start, count);
    }

    /** Like {@link #readCodes(int, int, int)} into a caller's buffer. */
    public void readCodes(int episode, int start, int count, int[] dst, int dstOffset) {
        int s = shard(episode);
        shards[s].readCodes(episode - firstEpisode[s], start, count, dst, dstOffset);
    }

    /** Actions of frames [start, start+count) of {@code episode}. */
    public int[] readActions(int episode, int start, int count) {
        int s = shard(episode);
        return shards[s].readActions(episode - firstEpisode[s], start, count);
    }

    @Override
    public void close() {
        for (TokenFile f : shards) {
            f.close();
        }
    }

    private int shard(int episode) {
        if (episode < 0 || episode >= size) {
            throw new IndexOutOfBoundsException("episode " + episode + " of " + size + " in the " + split.folder() + " token cache " + dir);
        }
        int s = Arrays.binarySearch(firstEpisode, episode);
        if (s < 0) {
            s = -s - 2;
        }
        while (shards[s].size() == 0 || episode - firstEpisode[s] >= shards[s].size()) {
            s++;
        }
        return s;
    }
}
