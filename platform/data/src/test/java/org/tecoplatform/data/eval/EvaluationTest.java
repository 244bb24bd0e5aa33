package org.tecoplatform.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.MetricSession;
import org.tecoplatform.api.SetMetricSession;
import org.tecoplatform.api.ModelMetric;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.SamplesReader;
import org.tecoplatform.data.samples.SamplesWriter;
import org.tecoplatform.data.samples.VideoPair;

class EvaluationTest {

    @TempDir
    Path tmp;

    /** Per frame: the mean absolute pixel difference; lower is better. */
    static final Metric MAE = new Metric() {
        @Override
        public MetricScore score(Video real, Video fake, int contextFrames) {
            int fb = real.frameBytes();
            double[] out = new double[real.frames() - contextFrames];
            for (int t = contextFrames; t < real.frames(); t++) {
                long sum = 0;
                for (int i = t * fb; i < (t + 1) * fb; i++) {
                    sum += Math.abs((real.pixels()[i] & 0xFF) - (fake.pixels()[i] & 0xFF));
                }
                out[t - contextFrames] = (double) sum / fb;
            }
            return MetricScore.ofFrames("mae", out);
        }

        @Override
        public boolean higherIsBetter() {
            return false;
        }
    };

    /** A video of {@code frames} flat frames 2x2x3 with the given values. */
    static Video flat(int... values) {
        byte[] px = new byte[values.length * 12];
        for (int t = 0; t < values.length; t++) {
            java.util.Arrays.fill(px, t * 12, (t + 1) * 12, (byte) values[t]);
        }
        return new Video(values.length, 2, 2, 3, px);
    }

    private Path folder() throws Exception {
        Path folder = tmp.resolve("samples_1");
        SamplesWriter w = new SamplesWriter(folder, 1);
        // real 10,20,30,40 ; fake ..,22,33,44 -> mae 2,3,4 ; baseline (10,10,10) -> mae 10,20,30
        w.write(0, List.of(new VideoPair(flat(10, 20, 30, 40), flat(10, 22, 33, 44))));
        // real 0,0,0,0 ; fake ..,4,4,4 -> 4,4,4 ; baseline 0,0,0
        w.write(1, List.of(new VideoPair(flat(0, 0, 0, 0), flat(99, 4, 4, 4))));
        return folder;
    }

    /**
     * A set metric: per set, the mean over its pairs of the summed pixel difference of the scored frames,
     * reported with the config's "setmean.seed" as its seed; counts opened and closed sessions.
     */
    static final class SetMean implements ModelMetric {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public MetricScore score(Video real, Video fake, int contextFrames) {
            throw new BadInputException("open a session");
        }

        @Override
        public MetricSession open(Settings config) {
            opened.incrementAndGet();
            long seed = config.section("setmean").getInt("seed", 0);
            java.util.Map<String, List<Double>> sets = new java.util.HashMap<>();
            return new SetMetricSession() {
                @Override
                public void add(String set, Video real, Video fake, int contextFrames) {
                    double mae = MAE.score(real, fake, contextFrames).perFrame()[0];
                    sets.computeIfAbsent(set, k -> new ArrayList<>()).add(mae);
                }

                @Override
                public List<SetScore> finish(String set) {
                    double mean = sets.get(set).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    return List.of(new SetScore("setmean", mean, 0, 1, 256, sets.get(set).size(), mean - 1, mean + 1, 0.95,
                            10, seed, false));
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    @Test
    void setMetricsScoreTheModelsAndTheBaselinesSetsWithTheConfig() throws Exception {
        SamplesReader samples = SamplesReader.open(folder());
        SetMean setMean = new SetMean();
        Settings config = org.tecoplatform.pipeline.config.ConfigSettings.of(java.util.Map.of("setmean", java.util.Map.of("seed", 7)), tmp);
        Evaluation.Result r = new Evaluation(List.of(new NamedMetric("mae", MAE), new NamedMetric("setmean", setMean)), true,
                config).run(samples, 1, n -> { });
        EvalSummary s = r.summary();
        assertThat(s.metrics()).containsOnlyKeys("mae");
        assertThat(s.sets()).containsOnlyKeys("setmean");
        // first scored frame: model mae 2 and 4, baseline 10 and 0
        assertThat(s.sets().get("setmean").value()).isEqualTo(3.0);
        assertThat(s.sets().get("setmean").seed()).isEqualTo(7);
        assertThat(s.baseline().sets().get("setmean").value()).isEqualTo(5.0);
        assertThat(setMean.opened.get()).isEqualTo(1);
        assertThat(setMean.closed.get()).isEqualTo(1);
        EvalSummary back = EvalSummary.fromJson(s.toJson());
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(s.toJson()).contains("\"ci_low\" : 2.0", "\"chunk_size\" : 256");
        // without set metrics the JSON has no "sets" key (eval.json stays as it was)
        EvalSummary plain = new Evaluation(List.of(new NamedMetric("mae", MAE)), true).run(samples, 1, n -> { }).summary();
        assertThat(plain.toJson()).doesNotContain("\"sets\"");
    }

    @Test
    void aModelMetricNeedsAConfig() throws Exception {
        SamplesReader samples = SamplesReader.open(folder());
        assertThatThrownBy(() -> new Evaluation(List.of(new NamedMetric("setmean", new SetMean())), false)
                .run(samples, 1, n -> { })).isInstanceOf(IllegalStateException.class).hasMessageContaining("config");
    }

    @Test
    void scoresEveryVideoAndTheBaseline() throws Exception {
        SamplesReader samples = SamplesReader.open(folder());
        AtomicInteger done = new AtomicInteger();
        Evaluation.Result r = new Evaluation(List.of(new NamedMetric("mae", MAE)), true)
                .run(samples, Evaluation.contextFrames(samples), done::addAndGet);

        assertThat(done.get()).isEqualTo(2);
        EvalSummary s = r.summary();
        assertThat(s.samples()).isEqualTo("samples_1");
        assertThat(List.of(s.contextFrames(), s.frames(), s.height(), s.width(), s.channels(), s.videos(), s.files()))
                .containsExactly(1, 4, 2, 2, 3, 2, 2);
        // video 1's fake context (99) differs from the real one (0); the writer copied it, so none differ.
        assertThat(s.contextMismatches()).isZero();
        MetricStats mae = s.metrics().get("mae");
        assertThat(mae.mean()).isCloseTo((3.0 + 4.0) / 2, within(1e-12));
        assertThat(mae.std()).isCloseTo(0.5, within(1e-12));
        assertThat(mae.count()).isEqualTo(2);
        assertThat(mae.perFrame()).containsExactly(3.0, 3.5, 4.0);
        assertThat(mae.higherIsBetter()).isFalse();
        MetricStats base = s.baseline().metrics().get("mae");
        assertThat(s.baseline().method()).isEqualTo("copy_last_frame");
        assertThat(base.mean()).isCloseTo(10.0, within(1e-12));
        assertThat(base.std()).isCloseTo(10.0, within(1e-12));
        assertThat(base.perFrame()).containsExactly(5.0, 10.0, 15.0);

        // 2 videos x 3 frames x (model + baseline)
        assertThat(r.table().size()).isEqualTo(12);
        assertThat(r.table().row(0)).isEqualTo(new FrameTable.Row(0, 1, "mae", 2.0, "model"));
        assertThat(r.table().row(3)).isEqualTo(new FrameTable.Row(0, 1, "mae", 10.0, "copy_last_frame"));
        assertThat(r.table().row(11)).isEqualTo(new FrameTable.Row(1, 3, "mae", 0.0, "copy_last_frame"));
    }

    @Test
    void countsVideosWhoseGeneratedContextDiffers() throws Exception {
        // Written as numpy would, without the writer's copy: video 1's fake context (99) is not the real one (0).
        Path folder = java.nio.file.Files.createDirectories(tmp.resolve("samples_1"));
        Video[] real = {flat(10, 20, 30), flat(0, 0, 0)};
        Video[] fake = {flat(10, 22, 33), flat(99, 4, 4)};
        byte[] r = new byte[72];
        byte[] f = new byte[72];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(real[b].pixels(), 0, r, b * 36, 36);
            System.arraycopy(fake[b].pixels(), 0, f, b * 36, 36);
        }
        var arrays = new java.util.LinkedHashMap<String, org.tecoplatform.npz.NpyArray>();
        arrays.put("real", org.tecoplatform.npz.NpyArray.uint8(new int[] {2, 3, 2, 2, 3}, r));
        arrays.put("fake", org.tecoplatform.npz.NpyArray.uint8(new int[] {2, 3, 2, 2, 3}, f));
        org.tecoplatform.npz.NpzWriter.write(folder.resolve("data_0.npz"), arrays, true);

        EvalSummary s = new Evaluation(List.of(new NamedMetric("mae", MAE)), false)
                .run(SamplesReader.open(folder), 1, n -> { }).summary();
        assertThat(s.contextMismatches()).isEqualTo(1);
        assertThat(s.metrics().get("mae").perFrame()).containsExactly(3.0, 3.5);
    }

    @Test
    void withoutBaselineTheSummaryHasNone() throws Exception {
        SamplesReader samples = SamplesReader.open(folder());
        EvalSummary s = new Evaluation(List.of(new NamedMetric("mae", MAE)), false).run(samples, 2, n -> { }).summary();
        assertThat(s.baseline()).isNull();
        assertThat(s.metrics().get("mae").perFrame()).containsExactly(3.5, 4.0);
        assertThat(s.toJson()).doesNotContain("baseline");
    }

    @Test
    void copyLastFrameRepeatsTheLastContextFrame() {
        assertThat(Evaluation.copyLastFrame(flat(1, 2, 3, 4, 5), 2)).isEqualTo(flat(1, 2, 2, 2, 2));
        assertThat(Evaluation.copyLastFrame(flat(1, 2, 3), 3)).isEqualTo(flat(1, 2, 3));
    }

    @Test
    void contextMustLeaveFramesToScore() throws Exception {
        SamplesReader samples = SamplesReader.open(folder());
        Evaluation e = new Evaluation(List.of(new NamedMetric("mae", MAE)), true);
        assertThatThrownBy(() -> e.run(samples, 4, n -> { })).isInstanceOf(BadInputException.class)
                .hasMessageContaining("4 context frames of 4-frame videos leave no frame to score");
        assertThatThrownBy(() -> e.run(samples, 0, n -> { })).isInstanceOf(BadInputException.class)
                .hasMessageContaining("baseline needs at least one context frame");
    }

    @Test
    void videosOfDifferentShapesInOneFolderAreBadInput() throws Exception {
        Path folder = folder();
        new SamplesWriter(folder, 1).write(2, List.of(new VideoPair(flat(1, 2, 3), flat(1, 2, 3))));
        SamplesReader samples = SamplesReader.open(folder);
        assertThatThrownBy(() -> new Evaluation(List.of(new NamedMetric("mae", MAE)), false).run(samples, 1, n -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("data_2.npz holds videos of shape (1, 3, 2, 2, 3)");
    }

    @Test
    void folderNameWithoutContextAsksForIt() throws Exception {
        Path folder = tmp.resolve("my-videos");
        new SamplesWriter(folder, 1).write(0, List.of(new VideoPair(flat(1, 2), flat(1, 2))));
        assertThatThrownBy(() -> Evaluation.contextFrames(SamplesReader.open(folder))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("give the number of context frames explicitly");
    }

    @Test
    void duplicateOrNoMetricsAreRefused() {
        assertThatThrownBy(() -> new Evaluation(List.of(), false)).hasMessageContaining("at least one metric");
        List<NamedMetric> twice = new ArrayList<>(List.of(new NamedMetric("mae", MAE), new NamedMetric("mae", MAE)));
        assertThatThrownBy(() -> new Evaluation(twice, false)).hasMessageContaining("listed twice");
    }
}
