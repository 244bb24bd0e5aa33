package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/** Back-pressure, failures reaching the consumer, and shutdown. */
@Timeout(60)
class ConcurrencyTest {

    private static LoaderOptions endless(int workers, int capacity) {
        return LoaderOptions.training(2, 4, 3).withWorkers(workers).withQueueCapacity(capacity);
    }

    private static boolean anyAlive(DataLoader loader) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(loader.threadPrefix()) && t.isAlive());
    }

    /** Waits until the reader has served {@code n} reads, then a while longer to let any extra ones happen. */
    private static void settle(CodedReader reader, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (reader.reads.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
    }

    @Test
    void slowConsumerHoldsWorkersBack() throws InterruptedException {
        CodedReader reader = CodedReader.uniform(40, 8);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, endless(3, 2))) {
            settle(reader, 4);
            // Two batches of two episodes may be built ahead, and no more.
            assertThat(reader.reads.get()).isEqualTo(4);
            assertThat(loader.inFlight()).isEqualTo(2);
            loader.next();
            settle(reader, 6);
            assertThat(reader.reads.get()).isEqualTo(6);
            assertThat(loader.inFlight()).isEqualTo(2);
        }
    }

    @Test
    void badInputFromAWorkerKeepsItsTypeAndCause() {
        CodedReader reader = CodedReader.uniform(6, 8);
        BadInputException original = new BadInputException("/data/ep3.npz: 'video' has shape (8,4,4), expected (T,H,W,3)");
        reader.failure = original;
        reader.failOn = "ep3";
        LoaderOptions options = endless(3, 4).withEpochs(1).withShuffle(false);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, options)) {
            assertThatThrownBy(() -> loader.forEachRemaining(b -> { })).isInstanceOf(BadInputException.class)
                    .hasMessage(original.getMessage()).cause().isSameAs(original);
            // Still failed on the next call, not silently over.
            assertThatThrownBy(loader::hasNext).isInstanceOf(BadInputException.class).hasCause(original);
        }
    }

    @Test
    void otherWorkerFailuresArriveWrapped() {
        CodedReader reader = CodedReader.uniform(6, 8);
        IllegalStateException original = new IllegalStateException("decoder crashed");
        reader.failure = original;
        reader.failOn = "ep0";
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, endless(2, 2))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    loader.next();
                }
            }).isInstanceOf(LoaderException.class).hasMessageContaining("decoder crashed").cause().isSameAs(original);
        }
    }

    @Test
    void closeStopsIdleWorkers() {
        CodedReader reader = CodedReader.uniform(10, 8);
        DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, endless(3, 3));
        loader.next();
        assertThat(anyAlive(loader)).isTrue();
        loader.close();
        assertThat(anyAlive(loader)).isFalse();
        assertThat(loader.hasNext()).isFalse();
        assertThatThrownBy(loader::next).isInstanceOf(NoSuchElementException.class).hasMessage("data loader is closed");
        loader.close();
    }

    @Test
    void closeInterruptsReadsInProgress() throws InterruptedException {
        CodedReader reader = CodedReader.uniform(10, 8);
        reader.delayMillis = 60_000;
        DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, endless(2, 2));
        while (reader.reads.get() < 2) {
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        loader.close();
        assertThat(anyAlive(loader)).isFalse();
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds to close").isLessThan(5);
        assertThat(reader.readerThreads).noneMatch(Thread::isAlive);
    }

    @Test
    void closingTheStreamClosesTheLoader() {
        DataLoader loader = DataLoader.open(CodedReader.uniform(10, 8), CodedReader.config(), Split.TRAIN, endless(2, 2));
        try (var stream = loader.stream()) {
            assertThat(stream.limit(7).count()).isEqualTo(7);
        }
        assertThat(anyAlive(loader)).isFalse();
    }

    @Test
    void finiteLoaderEndsAndItsWorkersLeave() throws InterruptedException {
        CodedReader reader = CodedReader.uniform(5, 8);
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, endless(2, 2).withEpochs(2))) {
            assertThat(BatchChecks.drain(loader)).hasSize(4);
            assertThat(loader.hasNext()).isFalse();
            // Every loader thread (readers and the batcher) is leaving; on a loaded machine the
            // last may still be unwinding, so wait for them rather than sample once.
            for (Thread t : reader.readerThreads) {
                t.join(5_000);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (anyAlive(loader) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(anyAlive(loader)).isFalse();
        }
    }

    @Test
    void emptySplitGivesNoBatches() {
        try (DataLoader loader = DataLoader.open(CodedReader.uniform(5, 8), CodedReader.config(), Split.TEST, endless(2, 2))) {
            assertThat(loader.episodes()).isZero();
            assertThat(loader.hasNext()).isFalse();
        }
    }
}
