package org.tecoplatform.data.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder names as sample.py makes them and compute_metrics.py reads them. */
class SamplesFolderTest {

    @TempDir
    Path tmp;

    @Test
    void namesAsSamplePyDoes() {
        assertThat(SamplesFolder.name(false, 36)).isEqualTo("samples_36");
        assertThat(SamplesFolder.name(true, 20)).isEqualTo("samples_action_20");
    }

    @Test
    void readsContextAndActionsFromTheName() {
        assertThat(SamplesFolder.contextFrames(Path.of("run/sample/samples_36"))).hasValue(36);
        assertThat(SamplesFolder.contextFrames(Path.of("samples_action_5/"))).hasValue(5);
        assertThat(SamplesFolder.includesActions(Path.of("samples_action_5"))).isTrue();
        assertThat(SamplesFolder.includesActions(Path.of("samples_5"))).isFalse();
        assertThat(SamplesFolder.contextFrames(Path.of("samples"))).isEmpty();
        assertThat(SamplesFolder.contextFrames(Path.of("my_samples_x"))).isEmpty();
        assertThat(SamplesFolder.contextFrames(Path.of("samples_99999999999"))).isEmpty();
    }

    @Test
    void findsOnlySamplesFoldersSortedByName() throws Exception {
        Files.createDirectories(tmp.resolve("samples_36"));
        Files.createDirectories(tmp.resolve("samples_action_36"));
        Files.createDirectories(tmp.resolve("checkpoints"));
        Files.writeString(tmp.resolve("samples_1"), "a file, not a folder");
        assertThat(SamplesFolder.find(tmp)).extracting(p -> p.getFileName().toString())
                .containsExactly("samples_36", "samples_action_36");
        assertThat(SamplesFolder.find(tmp.resolve("absent"))).isEmpty();
    }
}
