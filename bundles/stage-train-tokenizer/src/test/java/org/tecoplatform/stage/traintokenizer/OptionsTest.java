package org.tecoplatform.stage.traintokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** The defaults {@code teco describe} shows are the ones the stage uses. */
class OptionsTest {

    @Test
    void documentedDefaultsAreTheDefaultsUsed() {
        TrainTokenizerOptions o = TrainTokenizerOptions.from(ConfigSettings.of(Map.of(), Path.of(".")));
        Map<String, Object> d = TrainTokenizerOptions.SPECS.stream().collect(Collectors.toMap(OptionSpec::key, OptionSpec::defaultValue));
        assertThat(((Number) d.get("steps")).longValue()).isEqualTo(o.steps());
        assertThat(((Number) d.get("max_minutes")).doubleValue()).isEqualTo(o.maxMinutes());
        assertThat(((Number) d.get("batch_size")).intValue()).isEqualTo(o.batchSize());
        assertThat(((Number) d.get("lr")).doubleValue()).isEqualTo(o.lr());
        assertThat(((Number) d.get("warmup")).longValue()).isEqualTo(o.warmup());
        assertThat(((Number) d.get("n_codes")).intValue()).isEqualTo(o.codes());
        assertThat(((Number) d.get("embed_dim")).intValue()).isEqualTo(o.embedDim());
        assertThat(((Number) d.get("channels")).intValue()).isEqualTo(o.channels());
        assertThat(((Number) d.get("save_interval")).longValue()).isEqualTo(o.saveInterval());
        assertThat(((Number) d.get("log_interval")).longValue()).isEqualTo(o.logInterval());
        assertThat(((Number) d.get("dead_code_interval")).longValue()).isEqualTo(o.deadCodeInterval());
        assertThat(((Number) d.get("eval_frames")).intValue()).isEqualTo(o.evalFrames());
        assertThat(((Number) d.get("seed")).longValue()).isEqualTo(o.seed());
        assertThat(o.model(64).latent()).isEqualTo(16);
    }

    @Test
    void seedFollowsTheConfigsSeedUnlessTheSectionSetsOne() {
        assertThat(TrainTokenizerOptions.from(ConfigSettings.of(Map.of("seed", 7), Path.of("."))).seed()).isEqualTo(7);
        assertThat(TrainTokenizerOptions.from(ConfigSettings.of(Map.of("seed", 7, "train_tokenizer", Map.of("seed", 9)), Path.of(".")))
                .seed()).isEqualTo(9);
    }
}
