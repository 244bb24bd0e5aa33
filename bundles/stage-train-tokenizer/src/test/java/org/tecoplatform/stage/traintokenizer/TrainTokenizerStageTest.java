package org.tecoplatform.stage.traintokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/** The stage end to end on 16×16 frames: trains, checkpoints, resumes, exports a directory vqgan-onnx opens, reports. */
class TrainTokenizerStageTest {

    static Settings config(Path base, Map<String, Object> overrides) {
        Map<String, Object> section = new HashMap<>(Map.of("steps", 12, "max_minutes", 0, "batch_size", 4, "lr", 5e-3, "warmup", 2,
                "n_codes", 16, "embed_dim", 4, "channels", 8, "save_interval", 5, "log_interval", 2));
        section.put("eval_frames", 8);
        section.put("dead_code_interval", 4);
        section.putAll(overrides);
        return ConfigSettings.of(Map.of("seed", 3, TrainTokenizerOptions.SECTION, section), base);
    }

    static JsonNode summary(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve(TrainTokenizerStage.NAME).resolve(TrainTokenizerStage.SUMMARY).toFile());
    }

    @Test
    void trainsExportsAndReports(@TempDir Path run) throws Exception {
        TestContext ctx = new TestContext(config(run, Map.of()), run, new TinyFrames());
        new TrainTokenizerStage().run(ctx);

        JsonNode s = summary(run);
        assertThat(s.get("steps").asLong()).isEqualTo(12);
        assertThat(s.get("resumed_from_step").asLong()).isZero();
        assertThat(s.get("stopped_by_time_budget").asBoolean()).isFalse();
        assertThat(s.get("seconds").asDouble()).isPositive();
        assertThat(s.get("held_out_frames").asInt()).isEqualTo(8);
        double heldOut = s.get("held_out_psnr").asDouble();
        assertThat(heldOut).isBetween(5.0, 100.0);
        assertThat(ctx.total()).isEqualTo(12);
        assertThat(ctx.advanced.get()).isEqualTo(12);
        assertThat(ctx.statuses).hasSize(6).allMatch(t -> t.contains("loss") && t.contains("psnr"));
        // It learns: the last logged loss is below the first.
        double first = Double.parseDouble(ctx.statuses.get(0).replaceAll(".*loss ([0-9.]+).*", "$1"));
        assertThat(s.get("final_train_loss").asDouble()).isLessThan(first);

        Path stageDir = run.resolve(TrainTokenizerStage.NAME);
        assertThat(Checkpoints.latest(stageDir.resolve(TrainTokenizerStage.CHECKPOINTS))).get()
                .isEqualTo(Checkpoints.folder(stageDir.resolve(TrainTokenizerStage.CHECKPOINTS), 12));
        Path dir = stageDir.resolve(TrainTokenizerStage.TOKENIZER_FOLDER);
        try (TokenizerModel model = new VqganOnnxTokenizer().open(dir, ctx.config())) {
            assertThat(model.info().codes()).isEqualTo(16);
            assertThat(model.info().embeddingDim()).isEqualTo(4);
            assertThat(model.info().latentHeight()).isEqualTo(4);
            assertThat(model.info().imageSize()).isEqualTo(16);
            Video v = new TinyFrames().read(ctx.config(), new TinyFrames().episodes(ctx.config(), org.tecoplatform.api.Split.TEST).get(0),
                    org.tecoplatform.api.FrameWindow.ALL).video();
            int[] codes = model.encode(v);
            assertThat(codes).hasSize(TinyFrames.FRAMES * 16);
            assertThat(java.util.Arrays.stream(codes).allMatch(c -> c >= 0 && c < 16)).isTrue();
            Video back = model.decode(codes, TinyFrames.FRAMES);
            assertThat(back.frames()).isEqualTo(TinyFrames.FRAMES);
        }
    }

    @Test
    void resumesFromTheNewestCheckpointAndCountsEarlierTime(@TempDir Path run) throws Exception {
        new TrainTokenizerStage().run(new TestContext(config(run, Map.of("steps", 7, "warmup", 2)), run, new TinyFrames()));
        JsonNode first = summary(run);
        assertThat(first.get("steps").asLong()).isEqualTo(7);

        TestContext second = new TestContext(config(run, Map.of("steps", 12)), run, new TinyFrames());
        new TrainTokenizerStage().run(second);
        JsonNode s = summary(run);
        assertThat(s.get("resumed_from_step").asLong()).isEqualTo(7);
        assertThat(s.get("steps").asLong()).isEqualTo(12);
        assertThat(second.advanced.get()).isEqualTo(5);
        assertThat(s.get("seconds").asDouble()).isGreaterThan(first.get("seconds").asDouble());
        // Two checkpoints are kept: the newest two.
        Path ckpts = run.resolve(TrainTokenizerStage.NAME).resolve(TrainTokenizerStage.CHECKPOINTS);
        try (var list = Files.list(ckpts)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("step_000000000010", "step_000000000012");
        }

        // Complete: a re-run trains nothing, re-exports and re-measures.
        TestContext third = new TestContext(config(run, Map.of("steps", 12)), run, new TinyFrames());
        new TrainTokenizerStage().run(third);
        JsonNode t = summary(run);
        assertThat(third.advanced.get()).isZero();
        assertThat(t.get("resumed_from_step").asLong()).isEqualTo(12);
        assertThat(t.get("final_train_loss").isNull()).isTrue();
        assertThat(t.get("held_out_psnr").asDouble()).isEqualTo(s.get("held_out_psnr").asDouble());
    }

    @Test
    void refusesACheckpointOfAnotherModel(@TempDir Path run) throws Exception {
        new TrainTokenizerStage().run(new TestContext(config(run, Map.of("steps", 3, "warmup", 1)), run, new TinyFrames()));
        TestContext other = new TestContext(config(run, Map.of("steps", 6, "channels", 16)), run, new TinyFrames());
        assertThatThrownBy(() -> new TrainTokenizerStage().run(other)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("checkpoint of another tokenizer model").hasMessageContaining("channels=8")
                .hasMessageContaining("channels=16");
    }

    @Test
    void stopsAtTheTimeBudget(@TempDir Path run) throws Exception {
        // 0.0001 minutes: the first step already spends the budget.
        TestContext ctx = new TestContext(config(run, Map.of("steps", 1000, "max_minutes", 0.0001)), run, new TinyFrames());
        new TrainTokenizerStage().run(ctx);
        JsonNode s = summary(run);
        assertThat(s.get("stopped_by_time_budget").asBoolean()).isTrue();
        assertThat(s.get("steps").asLong()).isEqualTo(1);
        assertThat(Files.isRegularFile(run.resolve(TrainTokenizerStage.NAME).resolve("tokenizer").resolve("encoder.onnx"))).isTrue();
    }

    @Test
    void badOptionsAndFramesAreNamed(@TempDir Path run) {
        assertThatThrownBy(() -> TrainTokenizerOptions.from(config(run, Map.of("warmup", 12))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("train_tokenizer.warmup");
        assertThatThrownBy(() -> TrainTokenizerOptions.from(config(run, Map.of("channels", 12))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("train_tokenizer.channels").hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> TrainTokenizerOptions.from(config(run, Map.of("lr", -1.0))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("train_tokenizer.lr");
        assertThatThrownBy(() -> TrainTokenizerOptions.from(config(run, Map.of("max_minutes", -1))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("train_tokenizer.max_minutes");
        TestContext odd = new TestContext(config(run, Map.of()), run, new TinyFrames(18));
        assertThatThrownBy(() -> new TrainTokenizerStage().run(odd)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("multiple of 4").hasMessageContaining("18");
    }
}
