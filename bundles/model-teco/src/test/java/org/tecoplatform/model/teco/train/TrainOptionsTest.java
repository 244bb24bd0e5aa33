package org.tecoplatform.model.teco.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.pipeline.config.ConfigSettings;

class TrainOptionsTest {

    private static TrainOptions of(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("batch_size", 32, "lr", 1e-4, "weight_decay", 1e-5,
                "total_steps", 1000000, "warmup_steps", 5000, "save_interval", 100000, "log_interval", 100, "seed", 1));
        values.putAll(extra);
        return TrainOptions.from(ConfigSettings.of(values, Path.of(".")));
    }

    @Test
    void theOriginalKeysAndTheStagesDefaults() {
        TrainOptions o = of(Map.of());
        assertThat(o.batchSize()).isEqualTo(32);
        assertThat(o.totalSteps()).isEqualTo(1000000);
        assertThat(o.schedule()).isEqualTo("cosine");
        assertThat(o.maxMinutes()).isZero();
        assertThat(o.keepCheckpoints()).isEqualTo(2);
        assertThat(o.export()).isTrue();
    }

    @Test
    void badValuesNameTheirKeys() {
        assertThatThrownBy(() -> of(Map.of("batch_size", 0))).isInstanceOf(BadInputException.class).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> of(Map.of("lr", -1.0))).isInstanceOf(BadInputException.class).hasMessageContaining("lr");
        assertThatThrownBy(() -> of(Map.of("total_steps", 100, "warmup_steps", 60))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("warmup_steps (60)").hasMessageContaining("total_steps");
        assertThatThrownBy(() -> of(Map.of("lr_schedule", "linear"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lr_schedule");
        assertThatThrownBy(() -> of(Map.of("train", Map.of("max_minutes", -2.0)))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("train.max_minutes");
    }
}
