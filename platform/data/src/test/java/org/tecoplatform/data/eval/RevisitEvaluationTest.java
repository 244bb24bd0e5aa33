package org.tecoplatform.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tecoplatform.data.eval.EvaluationTest.MAE;
import static org.tecoplatform.data.eval.EvaluationTest.flat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.SamplesReader;
import org.tecoplatform.data.samples.SamplesWriter;
import org.tecoplatform.data.samples.VideoPair;

class RevisitEvaluationTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheRealFramesAfterTheContextThatRepeatAContextFrame() {
        // Context 10, 20, 30; after it 20 (seen), 40 (new), 10 (seen), 30 (seen).
        assertThat(RevisitFrames.find(flat(10, 20, 30, 20, 40, 10, 30), 3)).containsExactly(3, 5, 6);
        assertThat(RevisitFrames.find(flat(10, 20, 30, 40), 3)).isEmpty();
        assertThat(RevisitFrames.find(flat(10, 20), 0)).isEmpty();
    }

    @Test
    void aTinyDifferenceStillCountsAsTheSameViewAndALargerOneDoesNot() {
        byte[] px = flat(100, 0, 0).pixels();
        for (int i = 24; i < 36; i++) {
            px[i] = 101; // frame 2: every value off by 1 from frame 0, MSE 1
        }
        assertThat(RevisitFrames.find(new Video(3, 2, 2, 3, px), 1)).isEmpty();
        for (int i = 12; i < 24; i++) {
            px[i] = 100;
        }
        px[13] = 101; // frame 1: one value of 12 off by 1, MSE 1/12
        assertThat(RevisitFrames.find(new Video(3, 2, 2, 3, px), 1)).containsExactly(1);
    }

    @Test
    void scoresTheRevisitingFramesApartForTheModelAndTheBaseline() throws Exception {
        Path folder = tmp.resolve("samples_2");
        SamplesWriter w = new SamplesWriter(folder, 2);
        // Context 10, 20. Frame 2 (30) is new; frames 3 (10) and 4 (20) revisit the context.
        // model MAE: 1, 2, 4 at frames 2..4 -> revisit mean 3; copy-last (20): 10, 10, 0 -> revisit mean 5.
        w.write(0, List.of(new VideoPair(flat(10, 20, 30, 10, 20), flat(10, 20, 31, 12, 24))));
        // No revisit here: only its videos count in the main metrics.
        w.write(1, List.of(new VideoPair(flat(50, 60, 70, 80, 90), flat(50, 60, 70, 80, 90))));
        EvalSummary s = new Evaluation(List.of(new NamedMetric("mae", MAE)), true)
                .run(SamplesReader.open(folder), 2, n -> { }).summary();

        RevisitStats r = s.revisit();
        assertThat(r.frames()).isEqualTo(2);
        assertThat(r.videos()).isEqualTo(1);
        assertThat(r.model().get("mae").mean()).isCloseTo(3.0, within(1e-12));
        assertThat(r.baseline().get("mae").mean()).isCloseTo(5.0, within(1e-12));
        assertThat(r.model().get("mae").nonFiniteFrames()).isZero();
        // The existing fields are as before.
        assertThat(s.metrics().get("mae").perFrame()).containsExactly(0.5, 1.0, 2.0);

        EvalSummary back = EvalSummary.fromJson(s.toJson());
        assertThat(back.revisit()).isEqualTo(r);
        assertThat(s.toJson()).contains("\"revisit\"");

        // Without a baseline the block has the model's scores only.
        RevisitStats plain = new Evaluation(List.of(new NamedMetric("mae", MAE)), false)
                .run(SamplesReader.open(folder), 2, n -> { }).summary().revisit();
        assertThat(plain.baseline()).isNull();
        assertThat(plain.model().get("mae").mean()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void noRevisitingFrameLeavesTheBlockOut() throws Exception {
        Path folder = tmp.resolve("samples_1");
        new SamplesWriter(folder, 1).write(0, List.of(new VideoPair(flat(10, 20, 30), flat(10, 21, 33))));
        EvalSummary s = new Evaluation(List.of(new NamedMetric("mae", MAE)), true)
                .run(SamplesReader.open(folder), 1, n -> { }).summary();
        assertThat(s.revisit()).isNull();
        assertThat(s.toJson()).doesNotContain("revisit");
        assertThat(EvalSummary.fromJson(s.toJson())).isEqualTo(s);
    }
}
