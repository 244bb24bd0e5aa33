package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.Split;

@Timeout(60)
class LoaderBenchmarkTest {

    @Test
    void countsFramesOfTheTimedBatches() {
        CodedReader reader = CodedReader.uniform(6, 10);
        LoaderOptions options = LoaderOptions.training(2, 5, 1).withWorkers(2).withEpochs(1);
        double fps = LoaderBenchmark.framesPerSecond(reader, CodedReader.config(), options, 40);
        assertThat(fps).isPositive().isFinite();
        // Endless despite epochs(1): 4 warm-up + 40 timed batches of 2 samples were read at least.
        assertThat(reader.reads.get()).isGreaterThanOrEqualTo(88);
        System.out.printf(Locale.ROOT, "loader benchmark on 4x4 frames: %.0f frames/s%n", fps);
    }

    @Test
    void splitWithoutBatchesIsAnError() {
        LoaderOptions options = LoaderOptions.training(2, 5, 1).withWorkers(1);
        assertThatThrownBy(() -> LoaderBenchmark.framesPerSecond(CodedReader.uniform(6, 10), CodedReader.config(), Split.TEST, options, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the test split makes no batch of 2");
    }
}
