package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/** A split written as shards plus index: complete only after finish(), resumable after an interruption. */
class TokenCacheTest {

    private static final TokenCacheInfo INFO = new TokenCacheInfo(1024, 2, 2, "tok-1");

    @TempDir
    Path dir;

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "ep" + i).toList();
    }

    private void writeAll(int episodes, int perShard) throws IOException {
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TRAIN, INFO, perShard, 2)) {
            for (int i = 0; i < episodes; i++) {
                w.write(Episodes.make(INFO, i, 1 + i % 4));
            }
            w.finish();
        }
    }

    @Test
    void shardsAndIndexReadBackAsOneList() throws IOException {
        writeAll(7, 3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "tokens-train-00000.arrow", "tokens-train-00001.arrow", "tokens-train-00002.arrow", "tokens-train.index");
        }
        assertThat(Files.readString(dir.resolve("tokens-train.index"))).contains("episodes=7\n", "shards=3\n",
                "shard.0=tokens-train-00000.arrow 3\n", "shard.2=tokens-train-00002.arrow 1\n");
        assertThat(TokenCache.isComplete(dir, Split.TRAIN)).isTrue();
        assertThat(TokenCache.isComplete(dir, Split.TEST)).isFalse();
        try (TokenCache cache = TokenCache.open(dir, Split.TRAIN, INFO)) {
            assertThat(cache.size()).isEqualTo(7);
            assertThat(cache.shards()).hasSize(3);
            assertThat(cache.info()).isEqualTo(INFO);
            for (int i = 0; i < 7; i++) {
                TokenEpisode e = Episodes.make(INFO, i, 1 + i % 4);
                assertThat(cache.episode(i)).isEqualTo(e);
                assertThat(cache.id(i)).isEqualTo("ep" + i);
                assertThat(cache.frames(i)).isEqualTo(e.frames());
                assertThat(cache.readCodes(i, e.frames() - 1, 1)).containsExactly(
                        Arrays.copyOfRange(e.codes(), (e.frames() - 1) * 4, e.frames() * 4));
                assertThat(cache.readActions(i, 0, e.frames())).isEqualTo(e.actions());
            }
            assertThat(cache.totalFrames()).isEqualTo(1 + 2 + 3 + 4 + 1 + 2 + 3);
            assertThatThrownBy(() -> cache.episode(7)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void interruptedSplitIsIncompleteAndResumes() throws IOException {
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TRAIN, INFO, 2, 2)) {
            for (int i = 0; i < 5; i++) {
                w.write(Episodes.make(INFO, i, 2));
            }
            assertThat(w.writtenIds()).isEqualTo(ids(0, 4));
            // No finish(): as if the run was killed while the third shard was being written.
        }
        assertThat(TokenCache.isComplete(dir, Split.TRAIN)).isFalse();
        assertThatThrownBy(() -> TokenCache.open(dir, Split.TRAIN, INFO)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no token cache index tokens-train.index for the train split");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "tokens-train-00000.arrow", "tokens-train-00001.arrow");
        }

        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TRAIN, INFO, 2, 2)) {
            assertThat(w.resumedEpisodes()).isEqualTo(4);
            assertThat(w.writtenIds()).isEqualTo(ids(0, 4));
            for (int i = 4; i < 7; i++) {
                w.write(Episodes.make(INFO, i, 2));
            }
            assertThat(w.episodes()).isEqualTo(7);
            w.finish();
        }
        try (TokenCache cache = TokenCache.open(dir, Split.TRAIN, INFO)) {
            assertThat(IntStream.range(0, cache.size()).mapToObj(cache::id)).isEqualTo(ids(0, 7));
            assertThat(cache.episode(6)).isEqualTo(Episodes.make(INFO, 6, 2));
        }
    }

    @Test
    void resumingWithAnotherTokenizerIsRefused() throws IOException {
        writeAll(3, 2);
        TokenCacheInfo other = new TokenCacheInfo(1024, 2, 2, "tok-2");
        assertThatThrownBy(() -> TokenCacheWriter.open(dir, Split.TRAIN, other, 2, 2)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir.resolve("tokens-train-00000.arrow").toAbsolutePath()
                        + ": token cache was made by another tokenizer: teco.tokenizer is 'tok-1', expected 'tok-2'");
        assertThatThrownBy(() -> TokenCache.open(dir, Split.TRAIN, other)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("teco.tokenizer is 'tok-1', expected 'tok-2'");
    }

    @Test
    void leftoverTempFilesGo() throws IOException {
        Files.createDirectories(dir);
        Path leftover = Files.writeString(dir.resolve(".tokens-train-00000.arrow.1a2b.tmp"), "half a shard");
        Path other = Files.writeString(dir.resolve(".tokens-test-00000.arrow.1a2b.tmp"), "another split's");
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TRAIN, INFO)) {
            assertThat(w.resumedEpisodes()).isZero();
        }
        assertThat(leftover).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void changedByHand() throws IOException {
        writeAll(6, 2);
        Files.writeString(dir.resolve("tokens-train.index"), Files.readString(dir.resolve("tokens-train.index"))
                .replace("shard.1=tokens-train-00001.arrow 2", "shard.1=tokens-train-00001.arrow 3").replace("episodes=6", "episodes=7"));
        assertThatThrownBy(() -> TokenCache.open(dir, Split.TRAIN, INFO)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("tokens-train-00001.arrow: holds 2 episodes but the token cache index lists 3; "
                        + "the cache was changed after it was written: tokenize again");
        Files.writeString(dir.resolve("tokens-train.index"), "format_version=1\nsplit=train\nepisodes=2\nshards=1\nshard.0=../etc/passwd 2\n");
        assertThatThrownBy(() -> TokenCache.open(dir, Split.TRAIN, INFO)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("shard.0 is '../etc/passwd 2'");
        Files.delete(dir.resolve("tokens-train-00001.arrow"));
        assertThatThrownBy(() -> TokenCacheWriter.open(dir, Split.TRAIN, INFO, 2, 2)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokens-train-00002.arrow: token cache shard after a missing one (1 complete shards from 0)");
    }

    @Test
    void emptySplit() throws IOException {
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TEST, INFO)) {
            w.finish();
        }
        try (TokenCache cache = TokenCache.open(dir, Split.TEST, INFO)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.totalFrames()).isZero();
        }
    }
}
