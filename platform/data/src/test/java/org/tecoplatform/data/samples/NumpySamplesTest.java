package org.tecoplatform.data.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads a samples folder numpy wrote (np.savez_compressed, as sample.py does); the fixture is
 * made by tools/fixtures/make_metric_fixtures.py and lives with the metrics that it also checks.
 */
class NumpySamplesTest {

    static Path folder() {
        Path dir = Path.of("..", "..", "bundles", "metrics-image", "src", "test", "resources", "metric-fixtures", "samples_2")
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the numpy samples fixture is not at " + dir);
        }
        return dir;
    }

    @Test
    void readsTheOriginalLayout() throws Exception {
        SamplesReader r = SamplesReader.open(folder());
        assertThat(r.files()).extracting(p -> p.getFileName().toString()).containsExactly("data_0.npz", "data_1.npz");
        assertThat(r.contextFromName()).hasValue(2);
        assertThat(r.videoCount()).isEqualTo(4);
        assertThat(r.shape(r.files().get(0))).isEqualTo(new SamplesReader.BatchShape(2, 5, 16, 16, 3));
        List<VideoPair> pairs = r.read(r.files().get(1));
        assertThat(pairs).hasSize(2);
        for (VideoPair p : pairs) {
            int ctx = 2 * p.real().frameBytes();
            byte[] real = p.real().pixels();
            byte[] fake = p.fake().pixels();
            assertThat(Arrays.equals(real, 0, ctx, fake, 0, ctx)).isTrue();
            assertThat(Arrays.equals(real, fake)).isFalse();
        }
    }
}
