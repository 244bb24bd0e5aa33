package org.tecoplatform.data.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.SamplesWriter.ContextPolicy;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpzReader;

/** What SamplesWriter writes is the original layout, and SamplesReader reads it back. */
class SamplesRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void writesRealAndFakeAsSamplePyDoesWithTheContextCopied() throws Exception {
        Path folder = tmp.resolve(SamplesFolder.name(false, 2));
        List<VideoPair> batch = TestVideos.pairs(1, 3, 5, 4, 6);
        Path file = new SamplesWriter(folder, 2).write(0, batch);

        assertThat(file).isEqualTo(folder.resolve("data_0.npz"));
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.keys()).containsExactly("real", "fake");
            assertThat(npz.header("real").dtype()).isEqualTo(NpyDtype.UINT8);
            assertThat(npz.header("fake").shape()).containsExactly(3, 5, 4, 6, 3);
        }
        List<VideoPair> back = SamplesReader.open(folder).read(file);
        assertThat(back).hasSize(3);
        int ctxBytes = 2 * 4 * 6 * 3;
        for (int b = 0; b < 3; b++) {
            Video real = batch.get(b).real();
            Video fake = batch.get(b).fake();
            assertThat(back.get(b).real()).isEqualTo(real);
            byte[] f = back.get(b).fake().pixels();
            assertThat(Arrays.copyOfRange(f, 0, ctxBytes)).isEqualTo(Arrays.copyOfRange(real.pixels(), 0, ctxBytes));
            assertThat(Arrays.copyOfRange(f, ctxBytes, f.length))
                    .isEqualTo(Arrays.copyOfRange(fake.pixels(), ctxBytes, f.length));
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).containsExactly(file); // no temp files
        }
    }

    @Test
    void requireEqualRefusesADifferentContext() {
        List<VideoPair> batch = TestVideos.pairs(2, 2, 4, 3, 3);
        SamplesWriter strict = new SamplesWriter(tmp.resolve("samples_1"), 1, ContextPolicy.REQUIRE_EQUAL, true);
        assertThatThrownBy(() -> strict.write(0, batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("video 0: fake context frame 0 differs");
    }

    @Test
    void requireEqualAcceptsAMatchingContext() throws Exception {
        Video real = TestVideos.pairs(3, 1, 4, 3, 3).get(0).real();
        SamplesWriter strict = new SamplesWriter(tmp.resolve("samples_4"), 4, ContextPolicy.REQUIRE_EQUAL, false);
        strict.write(7, List.of(new VideoPair(real, real)));
        assertThat(SamplesReader.open(tmp.resolve("samples_4")).files()).containsExactly(tmp.resolve("samples_4/data_7.npz"));
    }

    @Test
    void listsFilesInNumericOrderAndCountsVideos() throws Exception {
        Path folder = tmp.resolve("samples_action_1");
        SamplesWriter w = new SamplesWriter(folder, 1);
        for (int i : new int[] {10, 2, 0, 1}) {
            w.write(i, TestVideos.pairs(i, i == 10 ? 1 : 2, 3, 2, 2));
        }
        Files.writeString(folder.resolve("notes.txt"), "ignored");
        Files.writeString(folder.resolve("data_x.npz"), "ignored: not data_<number>.npz");
        SamplesReader r = SamplesReader.open(folder);
        assertThat(r.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("data_0.npz", "data_1.npz", "data_2.npz", "data_10.npz");
        assertThat(r.videoCount()).isEqualTo(7);
        assertThat(r.contextFromName()).hasValue(1);
        assertThat(r.shape(r.files().get(3))).isEqualTo(new SamplesReader.BatchShape(1, 3, 2, 2, 3));
    }

    @Test
    void refusesVideosShorterThanTheContextAndMixedShapes() {
        SamplesWriter w = new SamplesWriter(tmp.resolve("samples_9"), 9);
        assertThatThrownBy(() -> w.write(0, TestVideos.pairs(1, 1, 5, 2, 2))).hasMessageContaining("cannot hold 9");
        List<VideoPair> mixed = List.of(TestVideos.pairs(1, 1, 10, 2, 2).get(0), TestVideos.pairs(1, 1, 10, 3, 2).get(0));
        assertThatThrownBy(() -> w.write(0, mixed)).hasMessageContaining("video 1 of the batch is Video(10,3,2,3)");
    }
}
