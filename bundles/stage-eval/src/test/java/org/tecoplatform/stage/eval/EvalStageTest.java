package org.tecoplatform.stage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** The eval stage over a samples folder numpy wrote, checked against numpy's own scores of it. */
class EvalStageTest {

    @TempDir
    Path tmp;

    private JsonNode run(Map<String, Object> config) throws Exception {
        TestContext context = TestContext.of(config, tmp);
        new EvalStage().run(context);
        assertThat(context.videosDone.get()).isEqualTo(context.videosTotal.get());
        return new ObjectMapper().readTree(context.stageDir().resolve("eval.json").toFile());
    }

    @Test
    void scoresAgreeWithNumpyForTheModelAndTheBaseline() throws Exception {
        TestContext.copySamples(tmp, "samples_2");
        JsonNode json = run(TestContext.config(List.of("psnr", "ssim"), Map.of())).get("samples_2");

        assertThat(json.get("context_frames").asInt()).isEqualTo(2);
        assertThat(json.get("videos").asInt()).isEqualTo(4);
        assertThat(json.get("files").asInt()).isEqualTo(2);
        assertThat(json.get("context_mismatches").asInt()).isZero();
        assertThat(json.at("/baseline/method").asText()).isEqualTo("copy_last_frame");
        try (NpzReader expected = NpzReader.open(TestContext.numpySamples().resolve("samples_2-expected.npz"))) {
            for (String metric : List.of("psnr", "ssim")) {
                double[] perVideo = expected.read(metric).toDoubles();
                JsonNode m = json.at("/metrics/" + metric);
                assertThat(m.get("count").asInt()).isEqualTo(4);
                assertThat(m.get("mean").asDouble()).isCloseTo(mean(perVideo), within(1e-5));
                assertThat(m.get("std").asDouble()).isCloseTo(std(perVideo), within(1e-5));
                assertThat(m.get("higher_is_better").asBoolean()).isTrue();
                double[] frames = expected.read(metric + "_frames").toDoubles(); // (4 videos, 3 frames)
                for (int f = 0; f < 3; f++) {
                    double curve = (frames[f] + frames[3 + f] + frames[6 + f] + frames[9 + f]) / 4;
                    assertThat(m.at("/per_frame/" + f).asDouble()).isCloseTo(curve, within(1e-5));
                }
                double[] base = expected.read("baseline_" + metric).toDoubles();
                assertThat(json.at("/baseline/metrics/" + metric + "/mean").asDouble()).isCloseTo(mean(base), within(1e-5));
                assertThat(json.at("/baseline/metrics/" + metric + "/std").asDouble()).isCloseTo(std(base), within(1e-5));
            }
        }
        Path tables = tmp.resolve("eval/samples_2");
        // 4 videos x 3 scored frames x 2 metrics x (model + baseline), plus the header
        assertThat(Files.readAllLines(tables.resolve("per_frame.csv"))).hasSize(49)
                .startsWith("video,frame,metric,value,method").anyMatch(l -> l.startsWith("3,4,ssim,") && l.endsWith(",copy_last_frame"));
        assertThat(tables.resolve("per_frame.arrow")).isNotEmptyFile();
    }

    @Test
    void everySamplesFolderIsReported() throws Exception {
        TestContext.copySamples(tmp, "samples_2");
        TestContext.copySamples(tmp, "samples_action_2");
        Files.createDirectories(tmp.resolve("sample/checkpoints"));
        JsonNode json = run(TestContext.config(List.of("ssim"), Map.of()));
        assertThat(json.fieldNames()).toIterable().containsExactly("samples_2", "samples_action_2");
        assertThat(json.at("/samples_action_2/metrics/ssim/mean").asDouble())
                .isEqualTo(json.at("/samples_2/metrics/ssim/mean").asDouble());
        assertThat(json.at("/samples_2/metrics").fieldNames()).toIterable().containsExactly("ssim");
        assertThat(tmp.resolve("eval/samples_action_2/per_frame.arrow")).isNotEmptyFile();
    }

    @Test
    void readsWhereSampleOutPutTheFolders() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        TestContext.copySamples(elsewhere, "samples_2"); // elsewhere/sample/samples_2
        Map<String, Object> config = new java.util.HashMap<>(TestContext.config(List.of("psnr"), Map.of()));
        config.put("sample", Map.of("out", elsewhere.resolve("sample").toString()));
        JsonNode json = run(config);
        assertThat(json.at("/samples_2/videos").asInt()).isEqualTo(4);
    }

    @Test
    void baselineCanBeLeftOut() throws Exception {
        TestContext.copySamples(tmp, "samples_2");
        JsonNode json = run(TestContext.config(List.of("psnr"), Map.of("baseline", false))).get("samples_2");
        assertThat(json.has("baseline")).isFalse();
        assertThat(Files.readAllLines(tmp.resolve("eval/samples_2/per_frame.csv"))).hasSize(1 + 4 * 3);
    }

    @Test
    void noMetricsIsBadInputNamingTheKey() throws Exception {
        TestContext.copySamples(tmp, "samples_2");
        assertThatThrownBy(() -> new EvalStage().run(TestContext.of(TestContext.config(List.of(), Map.of()), tmp)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("set pipeline.metrics");
    }

    @Test
    void noSamplesIsBadInput() {
        assertThatThrownBy(() -> new EvalStage().run(TestContext.of(TestContext.config(List.of("psnr"), Map.of()), tmp)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no samples folders")
                .hasMessageContaining(tmp.resolve("sample").toString());
    }

    @Test
    void unknownMetricListsTheInstalledOnes() throws Exception {
        TestContext.copySamples(tmp, "samples_2");
        assertThatThrownBy(() -> new EvalStage().run(TestContext.of(TestContext.config(List.of("lpips"), Map.of()), tmp)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'lpips'").hasMessageContaining("psnr, ssim");
    }

    @Test
    void needsTheSampleStageAndUsesMetrics() {
        EvalStage stage = new EvalStage();
        assertThat(stage.needs(ConfigSettings.of(Map.of(), tmp))).containsExactly("sample");
        assertThat(stage.uses()).containsExactly(PluginKind.METRIC);
        assertThat(stage.options()).extracting(o -> o.key()).containsExactly("baseline");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow());
    }
}
