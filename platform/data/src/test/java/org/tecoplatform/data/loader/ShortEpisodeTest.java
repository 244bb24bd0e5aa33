package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tecoplatform.data.loader.BatchChecks.assertCoded;
import static org.tecoplatform.data.loader.BatchChecks.drain;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/** Episodes shorter than seq_len: refused by name by default, or left out when asked. */
@Timeout(60)
class ShortEpisodeTest {

    private static final int[] LENGTHS = {12, 3, 12, 12, 2, 12};

    private static LoaderOptions options() {
        return LoaderOptions.training(2, 5, 9).withWorkers(2).withEpochs(2).withDropLast(false).withPixelFormat(PixelFormat.UINT8);
    }

    @Test
    void knownShortEpisodeFailsAtOpen() {
        assertThatThrownBy(() -> DataLoader.open(new CodedReader(true, LENGTHS), CodedReader.config(), Split.TRAIN, options()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("episode ep1 (mem:1) has 3 frames, fewer than the 5 a sample needs (seq_len); lower seq_len, "
                        + "or skip short episodes (ShortEpisodePolicy.SKIP)");
    }

    @Test
    void shortEpisodeFoundWhileReadingFailsOnNext() {
        try (DataLoader loader = DataLoader.open(new CodedReader(false, LENGTHS), CodedReader.config(), Split.TRAIN, options())) {
            assertThatThrownBy(() -> drain(loader)).isInstanceOf(BadInputException.class)
                    .hasMessageMatching("episode ep[14] \\(mem:[14]\\) has [23] frames, fewer than the 5 a sample needs.*");
        }
    }

    @Test
    void knownShortEpisodesSkipped() {
        LoaderOptions options = options().withShortEpisodes(ShortEpisodePolicy.SKIP);
        try (DataLoader loader = DataLoader.open(new CodedReader(true, LENGTHS), CodedReader.config(), Split.TRAIN, options)) {
            assertThat(loader.episodes()).isEqualTo(4);
            List<Batch> batches = drain(loader);
            assertThat(batches).extracting(Batch::size).containsExactly(2, 2, 2, 2);
            assertThat(batches).flatMap(b -> Arrays.asList(b.episodeIds())).doesNotContain("ep1", "ep4");
            batches.forEach(b -> assertCoded(b, LENGTHS));
        }
    }

    @Test
    void shortEpisodesFoundWhileReadingSkipped() {
        LoaderOptions options = options().withShortEpisodes(ShortEpisodePolicy.SKIP).withShuffle(false).withBatchSize(1);
        try (DataLoader loader = DataLoader.open(new CodedReader(false, LENGTHS), CodedReader.config(), Split.TRAIN, options)) {
            List<Batch> batches = drain(loader);
            // Lengths unknown up front: the plan keeps all six per epoch, and the two short ones'
            // batches are passed over.
            assertThat(batches).flatMap(b -> Arrays.asList(b.episodeIds()))
                    .containsExactly("ep0", "ep2", "ep3", "ep5", "ep0", "ep2", "ep3", "ep5");
            assertThat(batches).extracting(Batch::index).containsExactly(0L, 2L, 3L, 5L, 6L, 8L, 9L, 11L);
            batches.forEach(b -> assertCoded(b, LENGTHS));
        }
    }

    @Test
    void batchShrinksByTheEpisodesSkippedInIt() {
        LoaderOptions options = options().withShortEpisodes(ShortEpisodePolicy.SKIP).withShuffle(false).withBatchSize(3).withEpochs(1);
        try (DataLoader loader = DataLoader.open(new CodedReader(false, LENGTHS), CodedReader.config(), Split.TRAIN, options)) {
            List<Batch> batches = drain(loader);
            assertThat(batches).extracting(Batch::size).containsExactly(2, 2);
            assertThat(batches.get(0).episodeIds()).containsExactly("ep0", "ep2");
            assertThat(batches.get(1).episodeIds()).containsExactly("ep3", "ep5");
        }
    }

    @Test
    void emptyEpisodeIsTooShortEvenForWholeEpisodes() {
        CodedReader reader = new CodedReader(true, 4, 0, 4);
        assertThatThrownBy(() -> DataLoader.open(reader, CodedReader.config(), Split.TRAIN, LoaderOptions.tokenizing(1)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("episode ep1 (mem:1) has 0 frames, fewer than the 1");
    }
}
