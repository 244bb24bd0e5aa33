package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tecoplatform.data.loader.BatchChecks.assertCoded;
import static org.tecoplatform.data.loader.BatchChecks.drain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Windows hold the right frames and actions, within their episodes, for both window policies. */
@Timeout(60)
class WindowTest {

    private static final int[] LENGTHS = {10, 17, 5, 30, 12, 8, 25};

    private static LoaderOptions random(int batch, int seqLen) {
        return LoaderOptions.training(batch, seqLen, 42).withWorkers(2).withEpochs(6).withDropLast(false)
                .withPixelFormat(PixelFormat.BOTH);
    }

    @Test
    void randomWindowsWithKnownLengths() {
        CodedReader reader = new CodedReader(true, LENGTHS);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, random(3, 5))) {
            List<Batch> batches = drain(loader);
            assertThat(batches).hasSize(6 * 3);
            Set<Integer> starts = new HashSet<>();
            for (Batch b : batches) {
                assertThat(b.shape()).containsExactly(b.size(), 5, 4, 4, 3);
                assertCoded(b, LENGTHS);
                for (int s : b.windowStarts()) {
                    starts.add(s);
                }
            }
            // Windows move: over six epochs the 30-frame episode alone has 26 possible starts.
            assertThat(starts.size()).isGreaterThan(5);
        }
        // Known lengths: the loader asked the reader for windows only, one read per sample.
        assertThat(reader.reads.get()).isEqualTo(6 * LENGTHS.length);
    }

    @Test
    void randomWindowsWithUnknownLengths() {
        CodedReader reader = new CodedReader(false, LENGTHS);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, random(2, 5))) {
            for (Batch b : drain(loader)) {
                assertCoded(b, LENGTHS);
            }
        }
    }

    @Test
    void unknownLengthsGiveTheSameWindowsAsKnownOnes() {
        LoaderOptions options = random(2, 4);
        try (DataLoader known = DataLoader.open(new CodedReader(true, LENGTHS), CodedReader.config(), Split.TRAIN, options);
             DataLoader unknown = DataLoader.open(new CodedReader(false, LENGTHS), CodedReader.config(), Split.TRAIN, options)) {
            assertThat(drain(unknown)).isEqualTo(drain(known));
        }
    }

    @Test
    void windowAsLongAsTheEpisodeStartsAtZero() {
        CodedReader reader = new CodedReader(true, 6, 6, 6);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, random(3, 6).withEpochs(3))) {
            for (Batch b : drain(loader)) {
                assertThat(b.windowStarts()).containsOnly(0);
                assertCoded(b, new int[] {6, 6, 6});
            }
        }
    }

    @Test
    void fullEpisodesOneAtATime() {
        CodedReader reader = new CodedReader(false, LENGTHS);
        LoaderOptions options = LoaderOptions.tokenizing(1).withPixelFormat(PixelFormat.BOTH).withWorkers(3);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, options)) {
            List<Batch> batches = drain(loader);
            assertThat(batches).hasSize(LENGTHS.length);
            for (int e = 0; e < LENGTHS.length; e++) {
                Batch b = batches.get(e);
                assertThat(b.episodeIds()).containsExactly("ep" + e);
                assertThat(b.frames()).isEqualTo(LENGTHS[e]);
                assertThat(b.windowStarts()).containsExactly(0);
                assertCoded(b, LENGTHS);
            }
        }
    }

    @Test
    void fullEpisodesBatchedWhenEqualInLength() {
        CodedReader reader = CodedReader.uniform(5, 9);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, LoaderOptions.tokenizing(2))) {
            List<Batch> batches = drain(loader);
            assertThat(batches).extracting(Batch::size).containsExactly(2, 2, 1);
            assertThat(batches.get(0).pixels()).as("tokenizing wants uint8 only").isNull();
            batches.forEach(b -> assertCoded(b, new int[] {9, 9, 9, 9, 9}));
        }
    }

    @Test
    void fullEpisodesOfDifferentLengthsInOneBatchAreRefused() {
        CodedReader reader = new CodedReader(true, 9, 9, 7);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, LoaderOptions.tokenizing(3))) {
            assertThatThrownBy(loader::next).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("episode ep2 has 7 frames but episode ep0 in the same batch has 9")
                    .hasMessageContaining("batch size 1");
        }
    }

    @Test
    void readerReturningTheWrongWindowIsNamed() {
        CodedReader reader = new CodedReader(true, 10, 10) {
            @Override
            public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
                return super.read(config, ref, FrameWindow.ALL);
            }
        };
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, random(1, 4))) {
            assertThatThrownBy(loader::next).isInstanceOf(BadInputException.class)
                    .hasMessageMatching("episode ep\\d \\(mem:\\d\\): the dataset reader returned 10 frames for the window "
                            + "\\[\\d+, \\d+\\) of its 10 frames, expected 4");
        }
    }
}
