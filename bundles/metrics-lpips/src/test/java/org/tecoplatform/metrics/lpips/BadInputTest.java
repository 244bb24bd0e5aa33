package org.tecoplatform.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.VideoMetricSession;
import org.tecoplatform.api.Video;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Acceptance check 4 for LPIPS: a bad model folder or frames it cannot take are bad input naming the problem. */
class BadInputTest {

    @TempDir
    Path tmp;

    private static BadInputException opening(Path model) {
        return (BadInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new LpipsMetric().open(LpipsFixtures.config(model, Map.of())).close());
    }

    private Path copyOfModel() throws Exception {
        Path dir = tmp.resolve("lpips");
        Files.createDirectories(dir);
        for (String f : new String[] {"lpips.onnx", "model.json"}) {
            Files.copy(LpipsFixtures.modelDir().resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void unsetModelSaysWhichToolMakesIt() {
        assertThatThrownBy(() -> new LpipsMetric().open(ConfigSettings.of(Map.of(), tmp)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("lpips.model is not set")
                .hasMessageContaining("tools/lpips_to_onnx.py");
    }

    @Test
    void missingFolderNamesItAndTheTool() {
        Path none = tmp.resolve("nowhere");
        assertThat(opening(none)).hasMessageContaining("lpips.model").hasMessageContaining(none.toString())
                .hasMessageContaining("tools/lpips_to_onnx.py");
    }

    @Test
    void missingMetadata() throws Exception {
        Path dir = copyOfModel();
        Files.delete(dir.resolve("model.json"));
        assertThat(opening(dir)).hasMessageContaining("model.json is missing");
    }

    @Test
    void damagedGraphFailsTheChecksum() throws Exception {
        Path dir = copyOfModel();
        byte[] g = Files.readAllBytes(dir.resolve("lpips.onnx"));
        g[g.length / 2] ^= 1;
        Files.write(dir.resolve("lpips.onnx"), g);
        assertThat(opening(dir)).hasMessageContaining("lpips.onnx").hasMessageContaining("graph_sha256");
    }

    @Test
    void wrongFormatAndVersionAreNamed() throws Exception {
        Path dir = copyOfModel();
        Path json = dir.resolve("model.json");
        String meta = Files.readString(json);
        Files.writeString(json, meta.replace("\"teco-lpips\"", "\"teco-i3d\""));
        assertThat(opening(dir)).hasMessageContaining("key format is \"teco-i3d\", expected \"teco-lpips\"");
        Files.writeString(json, meta.replace("\"format_version\": 1", "\"format_version\": 7"));
        assertThat(opening(dir)).hasMessageContaining("format_version is 7, expected 1");
        Files.writeString(json, meta.replace("\"lpips_version\": \"0.1\"", "\"lpips_version\": \"0.0\""));
        assertThat(opening(dir)).hasMessageContaining("lpips_version").hasMessageContaining("\"0.0\"");
    }

    @Test
    void framesTooSmallOrNotRgbAreNamed() {
        try (VideoMetricSession s = new LpipsMetric().open(LpipsFixtures.config())) {
            Video small = new Video(3, 30, 64, 3, new byte[3 * 30 * 64 * 3]);
            assertThatThrownBy(() -> s.score(small, small, 1)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("30x64").hasMessageContaining("at least 31x31");
            Video gray = new Video(3, 32, 32, 1, new byte[3 * 32 * 32]);
            assertThatThrownBy(() -> s.score(gray, gray, 1)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("1 channels, expected 3");
            Video v = new Video(3, 32, 32, 3, new byte[3 * 32 * 32 * 3]);
            assertThatThrownBy(() -> s.score(v, v, 3)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("leave no frame to score");
        }
    }

    @Test
    void scoringWithoutASessionSaysHow() {
        Video v = new Video(2, 32, 32, 3, new byte[2 * 32 * 32 * 3]);
        assertThatThrownBy(() -> new LpipsMetric().score(v, v, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lpips.model");
    }
}
