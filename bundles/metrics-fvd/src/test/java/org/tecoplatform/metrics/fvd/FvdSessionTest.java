package org.tecoplatform.metrics.fvd;

import org.tecoplatform.onnx.ModelFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.SetMetricSession;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** The fvd session end to end on the tiny I3D, and acceptance check 4: bad folders and inputs are bad input. */
class FvdSessionTest {

    @TempDir
    Path tmp;

    /** Video n of the fixture with every pixel shifted by {@code shift} (mod 256). */
    static Video variant(int n, int shift) throws Exception {
        try (NpzReader npz = NpzReader.open(I3dFixtures.npz())) {
            NpyArray v = npz.read("video");
            byte[] px = I3dFixtures.video(v.shape(), v.toUint8(), n).pixels();
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) ((px[i] & 0xFF) + shift);
            }
            int[] s = v.shape();
            return new Video(s[1], s[2], s[3], s[4], px);
        }
    }

    @Test
    void scoresSetsWithChunksAndAReproducibleInterval() throws Exception {
        Map<String, Object> opts = Map.of("min_videos", 4, "chunk_size", 4, "bootstrap", 4, "seed", 3);
        List<SetScore> first;
        try (SetMetricSession s = new FvdMetric().open(I3dFixtures.config(I3dFixtures.modelDir(), opts))) {
            assertThat(s.perVideo()).isFalse();
            for (int i = 0; i < 8; i++) {
                Video real = variant(i % 2, 7 * i);
                s.add("model", real, variant((i + 1) % 2, 7 * i + 3), 2);
                s.add("same", real, real, 2);
            }
            first = s.finish("model");
            List<SetScore> same = s.finish("same");
            assertThat(same.get(0).metric()).isEqualTo("fvd");
            assertThat(same.get(0).value()).isCloseTo(0, within(1e-6));
            assertThat(first).extracting(SetScore::metric).containsExactly("fvd", "kvd");
            SetScore fvd = first.get(0);
            assertThat(fvd.chunks()).isEqualTo(2);
            assertThat(fvd.videos()).isEqualTo(8);
            // Far from 0: a random I3D whose features do not depend on the video gave ~1e-12 here, which
            // passed "> 0" and printed as 0.0000 (FvdSession.unresponsive now warns about such a model).
            System.out.printf("fvd on the fixture sets: %s%n", fvd);
            assertThat(fvd.value()).isGreaterThan(1e-2);
            assertThat(Math.abs(first.get(1).value())).as("kvd (unbiased: may be negative)").isGreaterThan(1e-4);
            assertThat(fvd.ciLow()).isLessThanOrEqualTo(fvd.ciHigh());
            assertThat(fvd.seed()).isEqualTo(3);
        }
        try (SetMetricSession s = new FvdMetric().open(I3dFixtures.config(I3dFixtures.modelDir(), opts))) {
            for (int i = 0; i < 8; i++) {
                s.add("model", variant(i % 2, 7 * i), variant((i + 1) % 2, 7 * i + 3), 2);
            }
            assertThat(s.finish("model")).isEqualTo(first);
        }
    }

    @Test
    void anI3dThatGivesEveryVideoTheSameFeaturesIsFlagged() throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        double[] base = rng.doubles(400, -0.2, 0.2).toArray();
        double[][] a = new double[6][];
        double[][] b = new double[6][];
        for (int i = 0; i < 6; i++) {
            a[i] = base.clone();
            b[i] = base.clone();
            for (int k = 0; k < 400; k++) {
                a[i][k] += 3e-8 * rng.nextGaussian();
                b[i][k] += 3e-8 * rng.nextGaussian();
            }
        }
        assertThat(FvdSession.unresponsive("model", a, b)).hasValueSatisfying(w -> assertThat(w)
                .contains("12 real and generated videos of set 'model'", "(nearly) the same features", "random-weight"));
        try (NpzReader npz = NpzReader.open(I3dFixtures.npz())) {
            float[] f = npz.read("features").toFloats();
            double[][] two = new double[2][400];
            for (int k = 0; k < 400; k++) {
                two[0][k] = f[k];
                two[1][k] = f[400 + k];
            }
            assertThat(FvdSession.unresponsive("model", new double[][] {two[0]}, new double[][] {two[1]})).isEmpty();
        }
    }

    @Test
    void tooFewVideosShortVideosAndGrayFramesAreNamed() throws Exception {
        try (SetMetricSession s = new FvdMetric().open(I3dFixtures.config(I3dFixtures.modelDir(), Map.of()))) {
            Video v = variant(0, 0);
            s.add("model", v, v, 2);
            assertThatThrownBy(() -> s.finish("model")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("1 videos in set 'model' are too few").hasMessageContaining("at least 16")
                    .hasMessageContaining("fvd.min_videos");
            Video shortVideo = v.slice(0, 8);
            assertThatThrownBy(() -> s.add("model", shortVideo, shortVideo, 2)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("8 frames").hasMessageContaining("at least 9");
            Video gray = new Video(16, 32, 32, 1, new byte[16 * 32 * 32]);
            assertThatThrownBy(() -> s.add("model", gray, gray, 2)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("1 channels, expected 3");
        }
    }

    @Test
    void badModelFoldersAreNamedWithTheTool() throws Exception {
        assertThatThrownBy(() -> new FvdMetric().open(ConfigSettings.of(Map.of(), tmp))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("fvd.model is not set").hasMessageContaining("tools/i3d_to_onnx.py");
        Throwable none = catchThrowable(() -> new FvdMetric().open(I3dFixtures.config(tmp.resolve("none"), Map.of())));
        assertThat(none).isInstanceOf(BadInputException.class).hasMessageContaining("no model folder")
                .hasMessageContaining("tools/i3d_to_onnx.py");
        Path dir = Files.createDirectories(tmp.resolve("i3d"));
        Files.copy(I3dFixtures.modelDir().resolve("i3d.onnx"), dir.resolve("i3d.onnx"));
        String meta = Files.readString(I3dFixtures.modelDir().resolve("model.json"));
        Files.writeString(dir.resolve("model.json"), meta.replace("\"input_size\": 224", "\"input_size\": 256"));
        assertThat(catchThrowable(() -> new FvdMetric().open(I3dFixtures.config(dir, Map.of()))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("input_size is 256, expected 224");
        Files.writeString(dir.resolve("model.json"), meta.replace("\"teco-i3d\"", "\"teco-lpips\""));
        assertThat(catchThrowable(() -> new FvdMetric().open(I3dFixtures.config(dir, Map.of()))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("key format is \"teco-lpips\", expected \"teco-i3d\"");
        Files.writeString(dir.resolve("model.json"), meta);
        Files.write(dir.resolve("i3d.onnx"), new byte[] {1, 2, 3});
        assertThat(catchThrowable(() -> new FvdMetric().open(I3dFixtures.config(dir, Map.of()))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("graph_sha256");
        assertThat(catchThrowable(() -> new FvdMetric().open(I3dFixtures.config(I3dFixtures.modelDir(),
                Map.of("ci_level", 1.5))))).isInstanceOf(BadInputException.class).hasMessageContaining("fvd.ci_level");
    }

    @Test
    void componentIsAMetricService() throws Exception {
        Path classes = Path.of(FvdMetric.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String xml = Files.readString(classes.resolve("OSGI-INF/org.tecoplatform.metrics.fvd.FvdMetric.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"fvd\"/>",
                "<provide interface=\"org.tecoplatform.api.Metric\"/>");
        // Manifest lines wrap at 72 bytes; a continuation line starts with a space.
        String manifest = Files.readString(classes.resolve("META-INF/MANIFEST.MF")).replace("\r\n ", "").replace("\n ", "");
        assertThat(manifest).contains("org.apache.commons.math3.linear;version=\"[3.5,4)\"");
    }
}
