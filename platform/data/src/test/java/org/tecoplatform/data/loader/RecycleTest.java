package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.data.loader.BatchChecks.assertCoded;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int reused = 0;
        try (DataLoader loader = DataLoader.open(new CodedReader(true, lengths), CodedReader.config(), Split.TRAIN, options)) {
            for (int i = 0; i < 30; i++) {
                Batch b = loader.next();
                assertCoded(b, lengths);
                reused += seen.add(b.pixels()) ? 0 : 1;
                seen.add(b.raw());
                // Scribble over it: a reused array must not leak these values into a later batch.
                Arrays.fill(b.pixels(), 5f);
                Arrays.fill(b.raw(), (byte) 77);
                loader.recycle(b);
            }
        }
        assertThat(reused).isGreaterThan(20);
        assertThat(seen.size()).isLessThan(10);
    }
}
