package org.tecoplatform.stage.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;

/**
 * Frames per second on the fixture with the stage's defaults (64 frames per encode call, two
 * reader threads, ONNX Runtime choosing its threads), over 2,400 frames of 32×32. Printed for
 * the record; the assertions hold the counts, not a speed (machines differ).
 */
class ThroughputTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsOnTheFixture() throws Exception {
        int[] train = new int[40];
        Arrays.fill(train, 50);
        int[] test = new int[8];
        Arrays.fill(test, 50);
        TinyDataset data = new TinyDataset(32, Map.of(Split.TRAIN, train, Split.TEST, test), true);
        Map<String, Object> map = new HashMap<>(Fixture.config(Fixture.tokenizer()));
        map.remove("tokenize");
        map.remove("vqgan-onnx");
        Settings config = Fixture.settings(map, tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), data);

        new TokenizeStage().run(context);

        JsonNode json = new ObjectMapper().readTree(context.stageDir().resolve("tokenize.json").toFile());
        assertThat(json.get("encoded_frames").asLong()).isEqualTo(2400);
        assertThat(json.get("episodes").asInt()).isEqualTo(48);
        // The encoder alone on the same frames, in the same 64-frame calls: what the stage's reading and writing cost on top.
        double encoderOnly;
        try (TokenizerModel model = Fixture.open(Fixture.tokenizer(), config)) {
            Video[] pieces = new Video[48];
            for (int i = 0; i < 48; i++) {
                Split split = i < 40 ? Split.TRAIN : Split.TEST;
                pieces[i] = data.episode(TinyDataset.id(split, i < 40 ? i : i - 40), 50).video();
            }
            model.encode(pieces[0]);
            long start = System.nanoTime();
            for (Video v : pieces) {
                model.encode(v.slice(0, 50));
            }
            encoderOnly = 2400 / ((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("encoder alone on the same frames: %.0f frames/s%n", encoderOnly);
        System.out.printf("tokenize throughput on the fixture (%d cores, 48 episodes x 50 frames of 32x32): train %.0f frames/s,"
                        + " test %.0f frames/s, whole stage %.0f frames/s%n", Runtime.getRuntime().availableProcessors(),
                json.get("splits").get("train").get("frames_per_second").asDouble(),
                json.get("splits").get("test").get("frames_per_second").asDouble(), json.get("frames_per_second").asDouble());
    }
}
