package org.tecoplatform.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;

class ConfigSettingsTest {

    private final ConfigSettings settings = ConfigSettings.of(Map.of(
            "seed", 3, "lr", 0.5, "name", "x", "flag", true, "data_path", "data/dmlab",
            "encoder", Map.of("depths", List.of(8, 16), "blocks", 2)), Path.of("/configs"));

    @Test
    void typedGettersAndSections() {
        assertThat(settings.getInt("seed")).isEqualTo(3);
        assertThat(settings.getDouble("seed")).isEqualTo(3.0);
        assertThat(settings.getDouble("lr")).isEqualTo(0.5);
        assertThat(settings.getBoolean("flag")).isTrue();
        assertThat(settings.getPath("data_path")).isEqualTo(Path.of("/configs/data/dmlab"));
        assertThat(settings.getIntList("encoder.depths")).containsExactly(8, 16);
        assertThat(settings.section("encoder").getInt("blocks")).isEqualTo(2);
        assertThat(settings.section("absent").keys()).isEmpty();
        assertThat(settings.getInt("absent", 7)).isEqualTo(7);
    }

    @Test
    void errorsNameTheFullKeyAndTheValueFound() {
        assertThatThrownBy(() -> settings.section("encoder").getInt("depths"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("config key 'encoder.depths' must be an integer, found the list [8, 16]");
        assertThatThrownBy(() -> settings.getString("missing"))
                .hasMessage("config key 'missing' is missing");
    }
}
