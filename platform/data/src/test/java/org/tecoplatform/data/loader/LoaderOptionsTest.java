package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.pipeline.config.ConfigSettings;

class LoaderOptionsTest {

    @Test
    void trainingDefaultsFromTheConfig() {
        LoaderOptions o = LoaderOptions.fromConfig(ConfigSettings.of(Map.of("batch_size", 8, "seq_len", 16, "seed", 3), Path.of(".")));
        assertThat(o.batchSize()).isEqualTo(8);
        assertThat(o.seqLen()).isEqualTo(16);
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(o.queueCapacity()).isEqualTo(Math.max(2, 2 * o.workers()));
        assertThat(o.shuffle()).isTrue();
        assertThat(o.dropLast()).isTrue();
        assertThat(o.epochs()).isEqualTo(LoaderOptions.INFINITE);
        assertThat(o.windowPolicy()).isEqualTo(WindowPolicy.RANDOM);
        assertThat(o.shortEpisodes()).isEqualTo(ShortEpisodePolicy.FAIL);
        assertThat(o.pixelFormat()).isEqualTo(PixelFormat.FLOAT);
        assertThat(LoaderOptions.fromConfig(ConfigSettings.of(Map.of("batch_size", 8, "seq_len", 16), Path.of("."))).seed()).isZero();
    }

    @Test
    void tokenizingReadsEachWholeEpisodeOnceInOrder() {
        LoaderOptions o = LoaderOptions.tokenizing(4);
        assertThat(o.windowPolicy()).isEqualTo(WindowPolicy.FULL);
        assertThat(o.shuffle()).isFalse();
        assertThat(o.dropLast()).isFalse();
        assertThat(o.epochs()).isEqualTo(1);
        assertThat(o.seqLen()).isZero();
        assertThat(o.pixelFormat()).isEqualTo(PixelFormat.UINT8);
    }

    @Test
    void withersChangeOneField() {
        LoaderOptions o = LoaderOptions.training(2, 4, 1);
        assertThat(o.withWorkers(5)).extracting(LoaderOptions::workers, LoaderOptions::queueCapacity).containsExactly(5, 10);
        assertThat(o.withQueueCapacity(3).queueCapacity()).isEqualTo(3);
        assertThat(o.withSeed(9)).isEqualTo(new LoaderOptions(2, 4, 9, o.workers(), o.queueCapacity(), true, true,
                LoaderOptions.INFINITE, WindowPolicy.RANDOM, ShortEpisodePolicy.FAIL, PixelFormat.FLOAT));
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> LoaderOptions.training(0, 4, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("data loader option batchSize must be at least 1, got 0");
        assertThatThrownBy(() -> LoaderOptions.training(2, 0, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("data loader option seqLen must be at least 1, got 0");
        assertThatThrownBy(() -> LoaderOptions.training(2, 4, 1).withEpochs(0)).isInstanceOf(BadInputException.class)
                .hasMessage("data loader option epochs must be at least 1, got 0");
        assertThatThrownBy(() -> LoaderOptions.training(2, 4, 1).withQueueCapacity(0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> LoaderOptions.training(2, 4, 1).withWorkers(0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("workers");
        assertThatThrownBy(() -> LoaderOptions.fromConfig(ConfigSettings.of(Map.of("seq_len", 4), Path.of("."))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("batch_size");
    }
}
