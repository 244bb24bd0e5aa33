package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.data.files.BadFilePolicy;

/** The reader's options: what it declares, its defaults, and the messages for values it cannot use. */
class KineticsOptionsTest {

    @TempDir
    Path root;

    @Test
    void declaresItsSectionWithDefaults() {
        assertThat(new KineticsDatasetReader().options())
                .extracting(OptionSpec::key, OptionSpec::type, OptionSpec::defaultValue)
                .containsExactly(tuple("on_bad_file", OptionType.STRING, "fail"), tuple("max_frames", OptionType.INTEGER, 10_000),
                        tuple("decoder_threads", OptionType.INTEGER, 1), tuple("probe_videos", OptionType.BOOLEAN, true));
    }

    @Test
    void defaultsWhenTheConfigSaysNothing() {
        assertThat(KineticsOptions.from(Fixtures.config(root)))
                .isEqualTo(new KineticsOptions(128, 0, 0, BadFilePolicy.FAIL, 10_000, 1, true));
    }

    @Test
    void readsTheTopLevelKeysAndItsSection() {
        Settings config = Fixtures.config(root, Map.of("on_bad_file", "skip", "max_frames", 500, "decoder_threads", 0, "probe_videos", false),
                "image_size", 64, "seq_len", 16, "action_dim", 6);
        assertThat(KineticsOptions.from(config)).isEqualTo(new KineticsOptions(64, 16, 6, BadFilePolicy.SKIP, 500, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "image_size=0|image_size: expected a frame size in 1..4096 pixels, found 0",
            "image_size=5000|image_size: expected a frame size in 1..4096 pixels, found 5000",
            "seq_len=0|seq_len: expected at least 1 frame, found 0",
            "action_dim=-1|action_dim: expected a number of actions >= 0, found -1",
            "kinetics.on_bad_file=maybe|kinetics.on_bad_file: expected fail or skip, found 'maybe'",
            "kinetics.max_frames=0|kinetics.max_frames: expected at least 1 frame, found 0",
            "kinetics.decoder_threads=65|kinetics.decoder_threads: expected 0 (FFmpeg chooses) to 64 threads, found 65"})
    void refusesValuesItCannotUse(String setting, String message) {
        String[] kv = setting.split("=");
        Object value = kv[1].matches("-?\\d+") ? (Object) Integer.valueOf(kv[1]) : kv[1];
        Settings config = kv[0].startsWith("kinetics.")
                ? Fixtures.config(root, Map.of(kv[0].substring("kinetics.".length()), value))
                : Fixtures.config(root, kv[0], value);
        assertThatThrownBy(() -> KineticsOptions.from(config)).isInstanceOf(BadInputException.class).hasMessage(message);
    }
}
