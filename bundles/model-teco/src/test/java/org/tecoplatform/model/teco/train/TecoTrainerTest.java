package org.tecoplatform.model.teco.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.tokens.TokenCache;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.train.Checkpoints;

/**
 * The trainer's promises: a run stopped mid-way and started again continues from its newest
 * checkpoint with exactly the losses of an uninterrupted run; a non-finite loss stops training
 * naming the step and keeps the last good checkpoint; episodes shorter than seq_len are refused.
 */
class TecoTrainerTest {

    @TempDir
    static Path tmp;
    static Path cacheDir;

    @BeforeAll
    static void cache() throws Exception {
        cacheDir = tmp.resolve("tokens");
        TinyRun.writeCache(cacheDir, Split.TRAIN, 3, 8);
    }

    private static TecoTrainer.Result train(Path dir, TrainOptions o, TecoTrainer.Listener listener) throws Exception {
        TecoModel model = TinyRun.model();
        try (TokenCache cache = TokenCache.open(cacheDir, Split.TRAIN, TinyRun.CACHE)) {
            return TecoTrainer.train(model, new TokenWindows(cache, model.config().seqLen()), o, dir, "seed: 3\n", listener);
        }
    }

    private static TecoTrainer.Listener quiet() {
        return new TecoTrainer.Listener() {
            public void report(TecoTrainer.Report r) {
            }

            public void step(long step) {
            }
        };
    }

    /** Stops the run (as a kill would) once {@code at} steps are done. */
    private static TecoTrainer.Listener killedAt(long at) {
        return new TecoTrainer.Listener() {
            public void report(TecoTrainer.Report r) {
            }

            public void step(long step) {
                if (step == at) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }

    @Test
    void aRunStoppedAndStartedAgainHasTheUninterruptedRunsLossAtEveryStep() throws Exception {
        Path whole = tmp.resolve("whole");
        train(whole, TinyRun.options(7, 2), quiet());
        Path resumed = tmp.resolve("resumed");
        assertThatThrownBy(() -> train(resumed, TinyRun.options(7, 2), killedAt(5))).hasMessage("killed");
        assertThat(Checkpoints.latest(resumed.resolve(TecoTrainer.CHECKPOINTS)).orElseThrow().getFileName().toString())
                .isEqualTo("step_000000000004");
        TecoTrainer.Result r = train(resumed, TinyRun.options(7, 2), quiet());
        assertThat(r.resumedFrom()).isEqualTo(4);
        assertThat(r.step()).isEqualTo(7);

        List<double[]> a = MetricsLog.read(whole);
        List<double[]> b = MetricsLog.read(resumed);
        assertThat(b).hasSameSizeAs(a).hasSize(7);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)[0]).isEqualTo(a.get(i)[0]);
            for (int c = 1; c <= 7; c++) {
                assertThat(b.get(i)[c]).as("step %d column %s", i + 1, MetricsLog.COLUMNS.get(c)).isCloseTo(a.get(i)[c],
                        org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(a.get(i)[c]))));
            }
        }
        ParamStore pa = Checkpoints.load(Checkpoints.latest(whole.resolve(TecoTrainer.CHECKPOINTS)).orElseThrow()).params();
        ParamStore pb = Checkpoints.load(Checkpoints.latest(resumed.resolve(TecoTrainer.CHECKPOINTS)).orElseThrow()).params();
        for (String name : pa.names()) {
            assertThat(pb.get(name)).as(name).containsExactly(pa.get(name));
        }
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path dir = tmp.resolve("nan");
        train(dir, TinyRun.options(2, 2), quiet());
        Path ckpt = Checkpoints.latest(dir.resolve(TecoTrainer.CHECKPOINTS)).orElseThrow();
        // Poison one weight of the saved model: the next step's loss is NaN.
        ParamStore params = ParamStore.load(ckpt.resolve("params.npz"), 0);
        String name = params.names().stream().filter(n -> n.startsWith("decoder")).findFirst().orElseThrow();
        params.get(name)[0] = Float.NaN;
        params.save(ckpt.resolve("params.npz"));
        assertThatThrownBy(() -> train(dir, TinyRun.options(4, 2), quiet()))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("not finite at step 3")
                .hasMessageContaining(ckpt.toString());
        assertThat(Checkpoints.latest(dir.resolve(TecoTrainer.CHECKPOINTS))).contains(ckpt);
        assertThat(MetricsLog.read(dir)).hasSize(2);
    }

    @Test
    void episodesShorterThanSeqLenAreRefusedBeforeTraining() throws Exception {
        Path shortCache = tmp.resolve("short");
        TinyRun.writeCache(shortCache, Split.TRAIN, 2, 3);
        try (TokenCache cache = TokenCache.open(shortCache, Split.TRAIN, TinyRun.CACHE)) {
            assertThatThrownBy(() -> new TokenWindows(cache, 4)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("seq_len").hasMessageContaining("longest episode").hasMessageContaining("has 3");
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsNotResumed() throws Exception {
        Path dir = tmp.resolve("other");
        train(dir, TinyRun.options(1, 1), quiet());
        Path state = Checkpoints.latest(dir.resolve(TecoTrainer.CHECKPOINTS)).orElseThrow().resolve("config.yaml");
        Files.writeString(state, Files.readString(state).replaceFirst("seqLen=4", "seqLen=5"));
        assertThatThrownBy(() -> train(dir, TinyRun.options(2, 1), quiet())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("another model");
    }
}
