package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.distribution.TecoProcess.Result;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzWriter;

/**
 * {@code teco eval --metrics lpips,fvd} through the assembled distribution, with the random-weight model
 * folders that metrics-lpips and metrics-fvd commit as test fixtures (tools/fixtures/make_lpips_fixture.py,
 * make_i3d_fixture.py): the learned metrics load in Felix, find ONNX Runtime and commons-math3 as system
 * packages, and write eval.json's per-frame and whole-set entries; a wrong model folder is exit 2.
 */
class LearnedMetricsIT {

    private static final Path LPIPS = Path.of("../bundles/metrics-lpips/src/test/resources/lpips-tiny").toAbsolutePath().normalize();
    private static final Path I3D = Path.of("../bundles/metrics-fvd/src/test/resources/i3d-tiny").toAbsolutePath().normalize();

    private static final int VIDEOS = 8;
    private static final int FRAMES = 10;
    private static final int CONTEXT = 2;
    private static final int SIZE = 32;

    @TempDir
    Path work;

    /** samples_2/data_0.npz: real videos (a moving gradient plus noise) and fakes that drift from them. */
    private Path samples() throws Exception {
        Path dir = Files.createDirectories(work.resolve("samples_" + CONTEXT));
        SplittableRandom rng = new SplittableRandom(5);
        int frameBytes = SIZE * SIZE * 3;
        byte[] real = new byte[VIDEOS * FRAMES * frameBytes];
        byte[] fake = new byte[real.length];
        for (int v = 0; v < VIDEOS; v++) {
            for (int t = 0; t < FRAMES; t++) {
                for (int i = 0; i < frameBytes; i++) {
                    int at = (v * FRAMES + t) * frameBytes + i;
                    int x = i / 3 % SIZE;
                    int y = i / 3 / SIZE;
                    int r = (x * 8 + y * 3 + t * 5 * (v + 1) + (i % 3) * 60 + rng.nextInt(24)) & 0xFF;
                    real[at] = (byte) r;
                    fake[at] = t < CONTEXT ? (byte) r : (byte) Math.min(255, r / 2 + 40 + rng.nextInt(16 * t));
                }
            }
        }
        int[] shape = {VIDEOS, FRAMES, SIZE, SIZE, 3};
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("real", NpyArray.uint8(shape, real));
        arrays.put("fake", NpyArray.uint8(shape, fake));
        NpzWriter.write(dir.resolve("data_0.npz"), arrays, true);
        return dir;
    }

    @Test
    void evalWithLpipsAndFvdWritesPerFrameAndWholeSetScores() throws Exception {
        Path samples = samples();
        Path json = work.resolve("eval.json");
        Result r = TecoProcess.run(work, "eval", samples.toString(), "--metrics", "lpips,fvd", "--baseline", "--json",
                json.toString(), "--set", "lpips.model=" + LPIPS, "--set", "fvd.model=" + I3D, "--set", "fvd.min_videos=4",
                "--set", "fvd.chunk_size=4", "--set", "fvd.bootstrap=20", "--set", "fvd.seed=3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("lpips ", "fvd ", "kvd ", "2 chunks of up to 4 videos", "95% bootstrap CI",
                "20 resamples, seed 3");

        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.path("videos").asInt()).isEqualTo(VIDEOS);
        JsonNode lpips = s.path("metrics").path("lpips");
        assertThat(lpips.path("per_frame").size()).isEqualTo(FRAMES - CONTEXT);
        assertThat(lpips.path("higher_is_better").asBoolean(true)).isFalse();
        assertThat(lpips.path("mean").asDouble()).isPositive();
        assertThat(s.path("metrics").has("fvd")).as("fvd is a set score, not a per-frame one").isFalse();
        for (JsonNode sets : new JsonNode[] {s.path("sets"), s.path("baseline").path("sets")}) {
            assertThat(sets.has("fvd") && sets.has("kvd")).as(sets.toString()).isTrue();
            JsonNode fvd = sets.path("fvd");
            assertThat(fvd.path("videos").asInt()).isEqualTo(VIDEOS);
            assertThat(fvd.path("chunks").asInt()).isEqualTo(2);
            assertThat(fvd.path("bootstrap").asInt()).isEqualTo(20);
            assertThat(fvd.path("ci_low").isNumber() && fvd.path("ci_high").isNumber()).as(fvd.toString()).isTrue();
            assertThat(fvd.path("ci_low").asDouble()).isLessThanOrEqualTo(fvd.path("ci_high").asDouble());
            assertThat(fvd.path("value").asDouble()).as("the fixture I3D responds to the videos").isGreaterThan(1e-3);
            assertThat(fvd.path("higher_is_better").asBoolean(true)).isFalse();
        }
        assertThat(s.path("baseline").path("metrics").path("lpips").path("per_frame").size()).isEqualTo(FRAMES - CONTEXT);
    }

    @Test
    void aWrongModelFolderExits2NamingTheKeyAndTheTool() throws Exception {
        Path samples = samples();
        // The LPIPS folder given as the I3D: a mistake a user makes.
        Result r = TecoProcess.run(work, "eval", samples.toString(), "--metrics", "fvd", "--set", "fvd.model=" + LPIPS);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(LPIPS.resolve("model.json").toString(), "key format is \"teco-lpips\", expected \"teco-i3d\"",
                "tools/i3d_to_onnx.py");
    }
}
