package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisitSectionTest {

    private static final String JSON = """
            {"samples_action_12": {"samples": "samples_action_12", "context_frames": 12, "frames": 46, "videos": 8,
              "metrics": {"psnr": {"mean": 18.0, "std": 1.0, "count": 8, "per_frame": [18.0], "higher_is_better": true}},
              "baseline": {"method": "copy_last_frame",
                "metrics": {"psnr": {"mean": 14.0, "std": 1.0, "count": 8, "per_frame": [14.0], "higher_is_better": true}}},
              "revisit": {"frames": 90, "videos": 8,
                "model": {"psnr": {"mean": "Infinity", "non_finite_frames": 3, "finite_mean": 21.5}},
                "baseline": {"psnr": {"mean": 13.25, "non_finite_frames": 0, "finite_mean": 13.25}}}}}
            """;

    @Test
    void aRevisitBlockBecomesItsOwnTableBesideTheBaseline() throws Exception {
        EvalResults r = EvalResults.of(new ObjectMapper().readTree(JSON));
        EvalResults.Folder f = r.folders().get(0);
        assertThat(f.revisit().frames()).isEqualTo(90);
        assertThat(f.revisit().model().get("psnr").nonFiniteFrames()).isEqualTo(3);
        String html = MetricsSection.folder(f);
        assertThat(html).contains("<h4>Revisiting frames</h4>", "90 scored frames in 8 videos",
                "3 frames not finite; 21.5", "<td>model (finite frames)</td>");
    }

    @Test
    void withoutOneThereIsNoTable() {
        EvalResults.Folder f = new EvalResults.Folder("samples_4", 4, 10, 2, 0, Map.of(), null, Map.of(), Map.of(), Map.of());
        assertThat(f.revisit()).isNull();
        assertThat(MetricsSection.folder(f)).doesNotContain("Revisiting");
    }
}
