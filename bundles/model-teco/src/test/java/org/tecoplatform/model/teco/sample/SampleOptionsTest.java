package org.tecoplatform.model.teco.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.pipeline.config.ConfigSettings;

class SampleOptionsTest {

    private static SampleOptions of(Map<String, Object> sample) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("seed", 7);
        values.put("open_loop_ctx", 36);
        values.put("eval_seq_len", 300);
        values.put("sample", sample);
        return SampleOptions.from(ConfigSettings.of(values, Path.of(".")));
    }

    @Test
    void defaultsComeFromTheOriginalKeys() {
        SampleOptions o = of(Map.of());
        assertThat(o.context()).isEqualTo(36);
        assertThat(o.frames()).isEqualTo(300);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.cache()).isTrue();
        assertThat(o.actions()).isEqualTo("auto");
        assertThat(o.videos()).isEqualTo(8);
    }

    @Test
    void sectionValuesOverrideThem() {
        SampleOptions o = of(Map.of("open_loop_ctx", 4, "frames", 20, "seed", 3, "cache", false, "n", 2));
        assertThat(o.context()).isEqualTo(4);
        assertThat(o.frames()).isEqualTo(20);
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.cache()).isFalse();
        assertThat(o.videos()).isEqualTo(2);
    }

    @Test
    void autoDrawsBothSetsOnlyForAModelTrainedWithActions() {
        assertThat(of(Map.of()).actionSets(true)).containsExactly(false, true);
        assertThat(of(Map.of()).actionSets(false)).containsExactly(false);
        assertThat(of(Map.of("actions", "given")).actionSets(true)).containsExactly(true);
        assertThat(of(Map.of("actions", "none")).actionSets(true)).containsExactly(false);
        assertThatThrownBy(() -> of(Map.of("actions", "both")).actionSets(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sample.actions").hasMessageContaining("use_actions: false");
    }

    @Test
    void badValuesNameTheirKeys() {
        assertThatThrownBy(() -> of(Map.of("actions", "yes"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sample.actions").hasMessageContaining("auto, both, given, none").hasMessageContaining("'yes'");
        assertThatThrownBy(() -> of(Map.of("n", 0))).isInstanceOf(BadInputException.class).hasMessageContaining("sample.n");
        assertThatThrownBy(() -> of(Map.of("batch", -1))).isInstanceOf(BadInputException.class).hasMessageContaining("sample.batch");
        assertThatThrownBy(() -> of(Map.of("frames", 20))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("open_loop_ctx (36)").hasMessageContaining("20");
    }

    @Test
    void theWindowDefaultsToWhatTheModelsWindowHoldsAndIsChecked() {
        assertThat(of(Map.of()).pastFrames(16, 1)).isEqualTo(15);
        assertThat(of(Map.of("window", 4)).pastFrames(16, 1)).isEqualTo(4);
        assertThat(of(Map.of("window", 15)).pastFrames(16, 1)).isEqualTo(15);
        assertThatThrownBy(() -> of(Map.of("window", 16)).pastFrames(16, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("sample.window: expected past frames in [n_cond 1, seq_len - 1 = 15], or 0 for all of them, got 16");
        assertThatThrownBy(() -> of(Map.of("window", -1)).pastFrames(16, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sample.window");
    }
}
