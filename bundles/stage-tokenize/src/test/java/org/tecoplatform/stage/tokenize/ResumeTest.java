package org.tecoplatform.stage.tokenize;

import org.tecoplatform.data.tokens.TokenizerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenCacheWriter;

/** An interrupted run keeps its complete shards and the next run encodes only the rest; never a cache of another tokenizer. */
class ResumeTest {

    @TempDir
    Path tmp;

    /** Runs the stage on a dataset whose train episode {@code failAt} fails once the episodes before it were encoded. */
    private static Throwable interruptedRun(Settings config, Path run, int failAt) {
        AtomicReference<TestContext> holder = new AtomicReference<>();
        TinyDataset failing = TinyDataset.standard().failingAt(failAt, () -> holder.get().progressFrames.get());
        holder.set(new TestContext(config, run, failing));
        Throwable thrown = null;
        try {
            new TokenizeStage().run(holder.get());
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).as("the interrupted run fails").isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessage("simulated failure reading " + TinyDataset.id(Split.TRAIN, failAt));
        return thrown;
    }

    @Test
    void resumingAfterAnInterruptionGivesTheCacheOfAnUninterruptedRun() throws Exception {
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        Path whole = tmp.resolve("whole");
        new TokenizeStage().run(new TestContext(config, whole, TinyDataset.standard()));

        Path run = tmp.resolve("run");
        interruptedRun(config, run, 5);
        Path cache = run.resolve("tokenize");
        // Episodes 0-4 were encoded: shards {0,1} and {2,3} are complete, episode 4's shard was not and is gone.
        assertThat(TokenizeStageTest.shards(cache, Split.TRAIN)).extracting(p -> p.getFileName().toString())
                .containsExactly("tokens-train-00000.arrow", "tokens-train-00001.arrow");
        assertThat(TokenCacheWriter.isComplete(cache, Split.TRAIN)).isFalse();
        assertThat(TokenizeStageTest.shards(cache, Split.TEST)).isEmpty();
        assertThat(names(cache)).allMatch(n -> n.startsWith("tokens-train-0000"));

        TinyDataset data = TinyDataset.standard();
        TestContext resumed = new TestContext(config, run, data);
        new TokenizeStage().run(resumed);

        // Only the episodes after the kept shards were read and encoded.
        assertThat(data.reads()).containsExactlyInAnyOrder("train-004", "train-005", "train-006", "test-000", "test-001", "test-002");
        assertThat(resumed.progressFrames.get()).isEqualTo(1 + 6 + 4 + 10);
        JsonNode json = new ObjectMapper().readTree(cache.resolve("tokenize.json").toFile());
        JsonNode train = json.get("splits").get("train");
        assertThat(train.get("status").asText()).isEqualTo("resumed");
        assertThat(train.get("resumed_episodes").asInt()).isEqualTo(4);
        assertThat(train.get("encoded_episodes").asInt()).isEqualTo(3);
        assertThat(train.get("episodes").asInt()).isEqualTo(7);
        assertThat(train.get("frames").asLong()).isEqualTo(32);

        try (TokenizerModel model = Fixture.open(Fixture.tokenizer(), config)) {
            TokenCacheInfo info = TokenCacheInfo.of(model.info(), TokenizerId.of(Fixture.tokenizer()));
            for (Split split : Split.values()) {
                assertThat(Fixture.read(cache, split, info)).containsExactlyElementsOf(Fixture.read(whole.resolve("tokenize"), split, info));
            }
        }
        // Same files, byte for byte: shards and indexes.
        List<String> files = names(whole.resolve("tokenize")).stream().filter(n -> !n.equals("tokenize.json")).toList();
        assertThat(names(cache)).containsExactlyInAnyOrderElementsOf(Stream.concat(files.stream(), Stream.of("tokenize.json")).toList());
        for (String f : files) {
            assertThat(Files.readAllBytes(cache.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve("tokenize").resolve(f)));
        }
    }

    @Test
    void anInterruptionBeforeTheFirstShardStartsOver() throws Exception {
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        Path run = tmp.resolve("run");
        interruptedRun(config, run, 1);
        assertThat(TokenizeStageTest.shards(run.resolve("tokenize"), Split.TRAIN)).isEmpty();

        TinyDataset data = TinyDataset.standard();
        new TokenizeStage().run(new TestContext(config, run, data));
        assertThat(data.reads()).hasSize(10);
        assertThat(TokenCacheWriter.isComplete(run.resolve("tokenize"), Split.TRAIN)).isTrue();
    }

    @Test
    void shardsOfAnotherTokenizerAreRefusedOnResume() throws Exception {
        Path tok = Fixture.copy(tmp.resolve("tok"));
        Settings config = Fixture.settings(Fixture.config(tok), tmp);
        Path run = tmp.resolve("run");
        interruptedRun(config, run, 5);
        List<String> kept = names(run.resolve("tokenize"));

        retrain(tok);
        TinyDataset data = TinyDataset.standard();
        assertThatThrownBy(() -> new TokenizeStage().run(new TestContext(config, run, data)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokens-train-00000.arrow: token cache was made by another tokenizer: teco.tokenizer is '"
                        + TokenizerId.PREFIX)
                .hasMessageContaining("delete the cache (or run tokenize with --force)");
        assertThat(data.reads()).isEmpty();
        // A refused resume changes nothing.
        assertThat(names(run.resolve("tokenize"))).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void aCompleteCacheOfAnotherTokenizerIsRefusedNotSkipped() throws Exception {
        Path tok = Fixture.copy(tmp.resolve("tok"));
        Settings config = Fixture.settings(Fixture.config(tok), tmp);
        Path run = tmp.resolve("run");
        new TokenizeStage().run(new TestContext(config, run, TinyDataset.standard()));

        retrain(tok);
        assertThatThrownBy(() -> new TokenizeStage().run(new TestContext(config, run, TinyDataset.standard())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("token cache was made by another tokenizer");
        assertThat(TokenCacheWriter.isComplete(run.resolve("tokenize"), Split.TRAIN)).isTrue();
    }

    /** The same shapes from another training run: what a different tokenizer with the same layout looks like. */
    private static void retrain(Path tok) throws Exception {
        Path meta = tok.resolve("tokenizer.json");
        String json = Files.readString(meta);
        assertThat(json).contains("\"random_init_seed\": 1234");
        Files.writeString(meta, json.replace("\"random_init_seed\": 1234", "\"random_init_seed\": 4321"));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
