package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.data.loader.BatchChecks.assertCoded;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tecoplatform.api.Split;

/** Arrays handed back are reused, and what comes in them is fully rewritten. */
@Timeout(60)
class RecycleTest {

    @Test
    void recycledArraysComeBackWithFreshContents() {
        int[] lengths = {9, 9, 9, 9, 9, 9};
        LoaderOptions options = LoaderOptions.training(2, 5, 4).withWorkers(1).withQueueCapacity(1).withPixelFormat(PixelFormat.BOTH);
        CodedReader reader = new CodedReader(true, lengths);
        // Reads wait for the test, so each batch is assembled only after the previous one was recycled.
        Semaphore gate = new Semaphore(2);
        reader.gate = gate;
        Set<float[]> floats = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<byte[]> bytes = Collections.newSetFromMap(new IdentityHashMap<>());
        try (DataLoader loader = DataLoader.open(reader, CodedReader.config(), Split.TRAIN, options)) {
            for (int i = 0; i < 30; i++) {
                Batch b = loader.next();
                assertCoded(b, lengths);
                floats.add(b.pixels());
                bytes.add(b.raw());
                // Scribble over it: a reused array must not leak these values into a later batch.
                Arrays.fill(b.pixels(), 5f);
                Arrays.fill(b.raw(), (byte) 77);
                loader.recycle(b);
                gate.release(2);
            }
        }
        assertThat(floats).hasSize(1);
        assertThat(bytes).hasSize(1);
    }

    @Test
    void withoutRecyclingEveryBatchHasItsOwnArrays() {
        LoaderOptions options = LoaderOptions.training(2, 5, 4).withWorkers(2);
        Set<float[]> floats = Collections.newSetFromMap(new IdentityHashMap<>());
        try (DataLoader loader = DataLoader.open(CodedReader.uniform(6, 9), CodedReader.config(), Split.TRAIN, options)) {
            for (int i = 0; i < 20; i++) {
                floats.add(loader.next().pixels());
            }
        }
        assertThat(floats).hasSize(20);
    }
}
