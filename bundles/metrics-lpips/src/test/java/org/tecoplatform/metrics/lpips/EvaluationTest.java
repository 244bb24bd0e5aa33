package org.tecoplatform.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.Evaluation;
import org.tecoplatform.data.eval.MetricStats;
import org.tecoplatform.data.eval.NamedMetric;
import org.tecoplatform.data.samples.SamplesReader;
import org.tecoplatform.npz.NpzReader;

/**
 * The eval core (what {@code teco eval} and the eval stage run) opens LPIPS with the config and scores a
 * samples folder and its copy-last-frame baseline as the reference does.
 */
class EvaluationTest {

    @Test
    void samplesFolderAndBaselineMatchTheReference() throws Exception {
        SamplesReader reader = SamplesReader.open(LpipsFixtures.resources().resolve("samples_2"));
        Evaluation.Result r = new Evaluation(List.of(new NamedMetric("lpips", new LpipsMetric())), true,
                LpipsFixtures.config()).run(reader, 2, n -> { });
        EvalSummary s = r.summary();
        MetricStats model = s.metrics().get("lpips");
        MetricStats base = s.baseline().metrics().get("lpips");
        assertThat(model.higherIsBetter()).isFalse();
        try (NpzReader npz = NpzReader.open(LpipsFixtures.resources().resolve("samples_2-expected.npz"))) {
            double[] want = npz.read("lpips").toDoubles();
            double[] wantBase = npz.read("baseline_lpips").toDoubles();
            double[] frames = npz.read("lpips_frames").toDoubles();
            assertThat(model.mean()).isCloseTo((want[0] + want[1]) / 2, within(1e-5));
            assertThat(base.mean()).isCloseTo((wantBase[0] + wantBase[1]) / 2, within(1e-5));
            assertThat(model.perFrame()).hasSize(2);
            assertThat(model.perFrame()[0]).isCloseTo((frames[0] + frames[2]) / 2, within(1e-5));
            assertThat(model.perFrame()[1]).isCloseTo((frames[1] + frames[3]) / 2, within(1e-5));
        }
        assertThat(s.sets()).isEmpty();
    }
}
