package org.tecoplatform.stage.tokenize;

import org.tecoplatform.data.tokens.TokenizerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenCacheWriter;
import org.tecoplatform.data.tokens.TokenEpisode;

/** The stage encodes every episode of both splits into the token cache, exactly as the tokenizer encodes it. */
class TokenizeStageTest {

    @TempDir
    Path tmp;

    @Test
    void cacheHoldsTheTokenizersCodesAndTheActionsOfEveryEpisode() throws Exception {
        TinyDataset data = TinyDataset.standard();
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), data);

        new TokenizeStage().run(context);

        TokenCacheInfo expectedInfo;
        try (TokenizerModel model = Fixture.open(Fixture.tokenizer(), config)) {
            expectedInfo = TokenCacheInfo.of(model.info(), TokenizerId.of(Fixture.tokenizer()));
            for (Split split : Split.values()) {
                List<TokenEpisode> cached = Fixture.read(context.stageDir(), split, expectedInfo);
                List<TokenEpisode> expected = Fixture.expected(data, config, split, model);
                assertThat(cached).hasSize(data.episodes(config, split).size());
                assertThat(cached).containsExactlyElementsOf(expected);
            }
        }
        // Codes vary: a cache of constant codes would say little about the encoding.
        List<TokenEpisode> train = Fixture.read(context.stageDir(), Split.TRAIN, expectedInfo);
        assertThat(train.get(2).codes()).hasSize(8 * 16 * 16);
        assertThat(java.util.Arrays.stream(train.get(2).codes()).distinct().count()).isGreaterThan(4);
        // Shards of two episodes: train (7 episodes) has 4 files, test (3) has 2.
        assertThat(shards(context.stageDir(), Split.TRAIN)).hasSize(4);
        assertThat(shards(context.stageDir(), Split.TEST)).hasSize(2);
        assertThat(TokenCacheWriter.isComplete(context.stageDir(), Split.TRAIN)).isTrue();
        assertThat(TokenCacheWriter.isComplete(context.stageDir(), Split.TEST)).isTrue();
        // Each episode was read once, by the loader.
        assertThat(data.reads()).hasSize(10).doesNotHaveDuplicates();
        // The progress bar counts frames: 32 train + 10 test.
        assertThat(context.progressFrames.get()).isEqualTo(42);
    }

    @Test
    void summaryTellsWhatWasDone() throws Exception {
        TinyDataset data = TinyDataset.standard();
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), data);

        new TokenizeStage().run(context);

        JsonNode json = new ObjectMapper().readTree(context.stageDir().resolve("tokenize.json").toFile());
        assertThat(json.get("dataset").asText()).isEqualTo(TinyDataset.NAME);
        assertThat(json.get("episodes").asInt()).isEqualTo(10);
        assertThat(json.get("frames").asLong()).isEqualTo(42);
        assertThat(json.get("encoded_frames").asLong()).isEqualTo(42);
        assertThat(json.get("frames_per_second").asDouble()).isPositive();
        assertThat(json.get("seconds").asDouble()).isPositive();
        assertThat(json.get("codes_shape").toString()).isEqualTo("[\"frames\",16,16]");
        assertThat(json.get("code_dtype").asText()).isEqualTo("int16");
        JsonNode tok = json.get("tokenizer");
        assertThat(tok.get("id").asText()).isEqualTo(TokenizerId.of(Fixture.tokenizer())).startsWith("sha256:");
        assertThat(tok.get("directory").asText()).isEqualTo(Fixture.tokenizer().toString());
        assertThat(tok.get("codes").asInt()).isEqualTo(64);
        assertThat(tok.get("image_size").asInt()).isEqualTo(32);
        JsonNode train = json.get("splits").get("train");
        assertThat(train.get("status").asText()).isEqualTo("encoded");
        assertThat(train.get("episodes").asInt()).isEqualTo(7);
        assertThat(train.get("frames").asLong()).isEqualTo(32);
        assertThat(train.get("resumed_episodes").asInt()).isZero();
        assertThat(json.get("splits").get("test").get("encoded_frames").asLong()).isEqualTo(10);
        System.out.printf("tokenize on the fixture (10 episodes, 42 frames): %.1f frames/s%n", json.get("frames_per_second").asDouble());
    }

    @Test
    void episodesOfUnknownLengthAreEncodedToo() throws Exception {
        TinyDataset data = new TinyDataset(32, Map.of(Split.TRAIN, new int[] {2, 7}, Split.TEST, new int[] {3}), false);
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), data);

        new TokenizeStage().run(context);

        assertThat(context.progressTotal.get()).isEqualTo(-1);
        try (TokenizerModel model = Fixture.open(Fixture.tokenizer(), config)) {
            TokenCacheInfo info = TokenCacheInfo.of(model.info(), TokenizerId.of(Fixture.tokenizer()));
            TinyDataset known = new TinyDataset(32, Map.of(Split.TRAIN, new int[] {2, 7}, Split.TEST, new int[] {3}), true);
            assertThat(Fixture.read(context.stageDir(), Split.TRAIN, info)).containsExactlyElementsOf(
                    Fixture.expected(known, config, Split.TRAIN, model));
        }
    }

    @Test
    void aCompleteSplitIsSkippedOnARerun() throws Exception {
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        Path run = tmp.resolve("run");
        new TokenizeStage().run(new TestContext(config, run, TinyDataset.standard()));
        Path index = run.resolve("tokenize/tokens-train.index");
        long modified = Files.getLastModifiedTime(index).toMillis();

        // A dataset that fails on any read: a re-run must not read a single episode.
        TinyDataset failing = TinyDataset.standard().failingAt(0, () -> Long.MAX_VALUE);
        TinyDataset again = new TinyDataset(32, Map.of(Split.TRAIN, new int[] {5, 3, 8, 5, 1, 6, 4}, Split.TEST, new int[] {4, 4, 2}), true);
        new TokenizeStage().run(new TestContext(config, run, failing));
        new TokenizeStage().run(new TestContext(config, run, again));

        assertThat(again.reads()).isEmpty();
        assertThat(Files.getLastModifiedTime(index).toMillis()).isEqualTo(modified);
        JsonNode json = new ObjectMapper().readTree(run.resolve("tokenize/tokenize.json").toFile());
        assertThat(json.get("splits").get("train").get("status").asText()).isEqualTo("complete");
        assertThat(json.get("splits").get("train").get("episodes").asInt()).isEqualTo(7);
        assertThat(json.get("encoded_frames").asLong()).isZero();
    }

    @Test
    void withoutVqvaeCkptTheTrainedTokenizerOfTheRunIsUsed() throws Exception {
        Path run = tmp.resolve("run");
        Path trained = Fixture.copy(run.resolve("train_tokenizer").resolve("tokenizer"));
        Settings config = Fixture.settings(Fixture.without(Fixture.config(null), TokenizeStage.TOKENIZER_KEY), tmp);
        TestContext context = new TestContext(config, run, TinyDataset.standard());

        new TokenizeStage().run(context);

        JsonNode json = new ObjectMapper().readTree(context.stageDir().resolve("tokenize.json").toFile());
        assertThat(json.get("tokenizer").get("directory").asText()).isEqualTo(trained.toAbsolutePath().normalize().toString());
        // Same files, same id: the id does not depend on where the directory lies.
        assertThat(json.get("tokenizer").get("id").asText()).isEqualTo(TokenizerId.of(Fixture.tokenizer()));
    }

    @Test
    void relativeVqvaeCkptIsResolvedAgainstTheConfigFolder() throws Exception {
        Fixture.copy(tmp.resolve("configs/tok"));
        Map<String, Object> map = Fixture.with(Fixture.config(null), TokenizeStage.TOKENIZER_KEY, "tok");
        Settings config = Fixture.settings(map, tmp.resolve("configs"));
        TestContext context = new TestContext(config, tmp.resolve("run"), TinyDataset.standard());

        new TokenizeStage().run(context);

        assertThat(TokenCacheWriter.isComplete(context.stageDir(), Split.TEST)).isTrue();
    }

    @Test
    void optionsAreDeclaredAndChecked() throws Exception {
        TokenizeStage stage = new TokenizeStage();
        assertThat(stage.options()).extracting(OptionSpec::key).containsExactly("batch_frames", "workers", "episodes_per_shard");
        assertThat(stage.options()).allMatch(o -> !o.required());
        assertThat(stage.uses()).isEqualTo(Set.of(PluginKind.DATASET, PluginKind.TOKENIZER));

        Map<String, Object> map = Fixture.with(Fixture.config(Fixture.tokenizer()), "tokenize", Map.of("batch_frames", 0));
        TestContext context = new TestContext(Fixture.settings(map, tmp), tmp.resolve("run"), TinyDataset.standard());
        assertThatThrownBy(() -> stage.run(context)).isInstanceOf(BadInputException.class)
                .hasMessage("tokenize.batch_frames: expected an integer >= 1, found 0");
    }

    @Test
    void oneFramePerEncodeCallGivesTheSameCache() throws Exception {
        Settings big = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        Map<String, Object> map = Fixture.with(Fixture.config(Fixture.tokenizer()), "tokenize",
                Map.of("batch_frames", 1, "workers", 1, "episodes_per_shard", 1000));
        Settings small = Fixture.settings(map, tmp);
        new TokenizeStage().run(new TestContext(big, tmp.resolve("a"), TinyDataset.standard()));
        new TokenizeStage().run(new TestContext(small, tmp.resolve("b"), TinyDataset.standard()));
        try (TokenizerModel model = Fixture.open(Fixture.tokenizer(), big)) {
            TokenCacheInfo info = TokenCacheInfo.of(model.info(), TokenizerId.of(Fixture.tokenizer()));
            for (Split split : Split.values()) {
                assertThat(Fixture.read(tmp.resolve("b/tokenize"), split, info))
                        .containsExactlyElementsOf(Fixture.read(tmp.resolve("a/tokenize"), split, info));
            }
        }
        assertThat(shards(tmp.resolve("b/tokenize"), Split.TRAIN)).hasSize(1);
    }

    static List<Path> shards(Path dir, Split split) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("tokens-" + split.folder() + "-\\d{5}\\.arrow")).sorted().toList();
        }
    }
}
