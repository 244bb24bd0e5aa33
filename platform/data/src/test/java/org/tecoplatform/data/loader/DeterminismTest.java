package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.data.loader.BatchChecks.drain;
import static org.tecoplatform.data.loader.BatchChecks.take;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** The seed alone decides the batches: not the run, not the number of workers. */
@Timeout(60)
class DeterminismTest {

    private static final int EPISODES = 10;

    private static List<Batch> load(int workers, long seed, LoaderOptions base) {
        LoaderOptions options = base.withSeed(seed).withWorkers(workers);
        try (DataLoader loader = DataLoader.open(CodedReader.uniform(EPISODES, 20), CodedReader.config(), Split.TRAIN, options)) {
            return drain(loader);
        }
    }

    private static LoaderOptions options() {
        return LoaderOptions.training(3, 6, 0).withEpochs(4).withDropLast(false).withPixelFormat(PixelFormat.BOTH);
    }

    private static List<String> ids(List<Batch> batches) {
        return batches.stream().flatMap(b -> Arrays.stream(b.episodeIds())).toList();
    }

    @Test
    void sameSeedSameBatchesAcrossRunsAndWorkerCounts() {
        List<Batch> one = load(1, 7, options());
        assertThat(one).hasSize(4 * 4);
        assertThat(load(1, 7, options())).isEqualTo(one);
        assertThat(load(3, 7, options())).isEqualTo(one);
        // A queue of one forces strict alternation; the order still may not change.
        assertThat(load(3, 7, options().withWorkers(3).withQueueCapacity(1))).isEqualTo(one);
    }

    @Test
    void slowAndUnevenReadsDoNotReorder() {
        LoaderOptions options = options().withWorkers(3);
        CodedReader uneven = new CodedReader(true, IntStream.range(0, EPISODES).map(e -> 20).toArray()) {
            @Override
            public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
                // Early episodes are slow, so later batches finish first.
                if (CodedReader.index(ref.id()) < 3) {
                    CodedReader.pause(15);
                }
                return super.read(config, ref, window);
            }
        };
        try (DataLoader loader = DataLoader.open(uneven, CodedReader.config(), Split.TRAIN, options.withSeed(7))) {
            assertThat(drain(loader)).isEqualTo(load(1, 7, options()));
        }
    }

    @Test
    void differentSeedsDiffer() {
        List<Batch> a = load(2, 1, options());
        List<Batch> b = load(2, 2, options());
        assertThat(ids(a)).isNotEqualTo(ids(b));
        List<Integer> startsA = a.stream().flatMap(x -> Arrays.stream(x.windowStarts()).boxed()).toList();
        List<Integer> startsB = b.stream().flatMap(x -> Arrays.stream(x.windowStarts()).boxed()).toList();
        assertThat(startsA).isNotEqualTo(startsB);
    }

    @Test
    void everyEpisodeOncePerEpochInAFreshOrder() {
        List<Batch> batches = load(2, 11, options());
        List<List<String>> epochs = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            long epoch = e;
            List<Batch> ofEpoch = batches.stream().filter(b -> b.epoch() == epoch).toList();
            assertThat(ofEpoch).extracting(Batch::size).containsExactly(3, 3, 3, 1);
            List<String> order = ofEpoch.stream().flatMap(b -> Arrays.stream(b.episodeIds())).toList();
            assertThat(order).containsExactlyInAnyOrderElementsOf(IntStream.range(0, EPISODES).mapToObj(i -> "ep" + i).toList());
            epochs.add(order);
        }
        assertThat(epochs).doesNotHaveDuplicates();
        assertThat(batches).extracting(Batch::index).containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> (long) i).toList());
    }

    @Test
    void dropLastLeavesOutThePartialBatch() {
        List<Batch> batches = load(2, 11, options().withDropLast(true));
        assertThat(batches).hasSize(4 * 3).allSatisfy(b -> assertThat(b.size()).isEqualTo(3));
        for (long e = 0; e < 4; e++) {
            long epoch = e;
            List<String> order = batches.stream().filter(b -> b.epoch() == epoch).flatMap(b -> Arrays.stream(b.episodeIds())).toList();
            assertThat(order).hasSize(9).doesNotHaveDuplicates();
        }
    }

    @Test
    void withoutShuffleEpisodesComeInDatasetOrder() {
        List<Batch> batches = load(3, 5, options().withShuffle(false).withEpochs(2));
        List<String> expected = IntStream.range(0, EPISODES).mapToObj(i -> "ep" + i).toList();
        List<String> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        assertThat(ids(batches)).isEqualTo(twice);
    }

    @Test
    void endlessLoaderKeepsGoingAcrossEpochs() {
        LoaderOptions options = options().withEpochs(LoaderOptions.INFINITE).withDropLast(true);
        try (DataLoader loader = DataLoader.open(CodedReader.uniform(4, 8), CodedReader.config(), Split.TRAIN, options)) {
            assertThat(loader.totalBatches()).isEqualTo(-1);
            assertThat(loader.batchesPerEpoch()).isEqualTo(1);
            List<Batch> batches = take(loader, 50);
            assertThat(batches).extracting(Batch::epoch).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> (long) i).toList());
            assertThat(loader.hasNext()).isTrue();
        }
    }
}
