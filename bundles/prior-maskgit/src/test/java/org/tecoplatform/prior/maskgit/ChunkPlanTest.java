package org.tecoplatform.prior.maskgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void sizesFollowNumpyArraySplit() {
        // numpy.array_split(arange(n), k) lengths.
        assertThat(ChunkPlan.sizes(64, 8)).containsExactly(8, 8, 8, 8, 8, 8, 8, 8);
        assertThat(ChunkPlan.sizes(10, 3)).containsExactly(4, 3, 3);
        assertThat(ChunkPlan.sizes(11, 4)).containsExactly(3, 3, 3, 2);
        assertThat(ChunkPlan.sizes(5, 5)).containsExactly(1, 1, 1, 1, 1);
        assertThat(ChunkPlan.sizes(3, 5)).containsExactly(1, 1, 1, 0, 0);
        assertThat(ChunkPlan.sizes(7, 1)).containsExactly(7);
    }

    @Test
    void everyPositionOncePerRound() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int round = 0; round < 20; round++) {
            ChunkPlan plan = ChunkPlan.random(11, 4, rng);
            int[] seen = new int[11];
            for (int c = 0; c < plan.chunks(); c++) {
                assertThat(plan.chunk(c)).hasSize(ChunkPlan.sizes(11, 4)[c]);
                for (int p : plan.chunk(c)) {
                    seen[p]++;
                }
            }
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void ordersAreUniform() {
        // Each position is first with probability 1/6.
        SplittableRandom rng = new SplittableRandom(2);
        int[] first = new int[6];
        int n = 60000;
        for (int i = 0; i < n; i++) {
            first[ChunkPlan.random(6, 6, rng).chunk(0)[0]]++;
        }
        for (int f : first) {
            assertThat(f / (double) n).isBetween(1 / 6.0 - 0.008, 1 / 6.0 + 0.008);
        }
    }

    @Test
    void sameSeedSamePlan() {
        ChunkPlan a = ChunkPlan.random(64, 8, new SplittableRandom(9));
        ChunkPlan b = ChunkPlan.random(64, 8, new SplittableRandom(9));
        for (int c = 0; c < 8; c++) {
            assertThat(a.chunk(c)).containsExactly(b.chunk(c));
        }
    }
}
