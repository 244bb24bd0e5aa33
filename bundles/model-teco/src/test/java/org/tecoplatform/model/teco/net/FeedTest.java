package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;

/** The host side of a training step: actions, action dropout and the drop-loss frames. */
class FeedTest {

    private static TrainingFeed feed(TecoConfig cfg, int batch, int[] actions, long seed) {
        SplittableRandom data = new SplittableRandom(100);
        int[] codes = Tiny.ints(data, batch * cfg.seqLen() * 64, Tiny.VQ_CODES);
        return Tiny.model(cfg).feed(codes, actions, batch, new SplittableRandom(seed));
    }

    @Test
    void actionDropoutReplacesWholeSamplesWithNoActionHalfTheTime() {
        TecoConfig cfg = Tiny.builder().actions(true, 3, 4, true).build();
        int batch = 2000;
        int t = cfg.seqLen();
        int[] actions = Tiny.ints(new SplittableRandom(3), batch * t, cfg.actionDim());
        int[] fed = feed(cfg, batch, actions, 7).get(TecoModel.ACTIONS).ints();
        int dropped = 0;
        for (int b = 0; b < batch; b++) {
            int[] row = Arrays.copyOfRange(fed, b * t, (b + 1) * t);
            if (Arrays.stream(row).allMatch(a -> a == cfg.noAction())) {
                dropped++;
            } else {
                assertThat(row).as("a kept sample keeps its actions").containsExactly(Arrays.copyOfRange(actions, b * t, (b + 1) * t));
            }
        }
        System.out.printf("dropped %d of %d samples%n", dropped, batch);
        assertThat(dropped / (double) batch).isBetween(0.45, 0.55);
    }

    @Test
    void minusOneMeansNoActionAndUseActionsFalseFeedsNoActionEverywhere() {
        int[] actions = {0, -1, 2, 1, /* sample 1 */ -1, -1, 0, 2};
        TecoConfig kept = Tiny.builder().actions(true, 3, 4, false).build();
        assertThat(feed(kept, 2, actions, 1).get(TecoModel.ACTIONS).ints()).containsExactly(0, 3, 2, 1, 3, 3, 0, 2);
        TecoConfig unused = Tiny.builder().actions(false, 3, 4, false).build();
        assertThat(feed(unused, 2, actions, 1).get(TecoModel.ACTIONS).ints()).containsOnly(3);
        assertThat(feed(kept, 2, null, 1).get(TecoModel.ACTIONS).ints()).containsOnly(3);
    }

    @Test
    void dropLossFramesAreMaxOneOrTheKeptFractionDrawnFromThePredictedFrames() {
        // seq_len 20, n_cond 1: 19 predicted frames.
        assertThat(lossFrames(0.9)).isEqualTo(1);   // ⌊0.1·19⌋ = 1
        assertThat(lossFrames(0.5)).isEqualTo(9);   // ⌊0.5·19⌋
        assertThat(lossFrames(0.99)).isEqualTo(1);  // ⌊0.19⌋ = 0 → at least 1
        assertThat(lossFrames(0.0)).isEqualTo(19);

        TecoConfig cfg = Tiny.builder().seqLen(20).dropLossRate(0.5).build();
        int[] seen = new int[19];
        for (long seed = 0; seed < 100; seed++) {
            TrainingFeed f = feed(cfg, 2, null, seed);
            TrainingFeed.Tensor idx = f.get(TecoModel.DROP_IDX);
            assertThat(idx.shape()).containsExactly(9);
            for (int i : idx.ints()) {
                assertThat(i).isBetween(0, 18);
                seen[i]++;
            }
            assertThat(f.get(Tiny.PRIOR_MASK).shape()).containsExactly(2 * 9, 16);
        }
        assertThat(seen).as("every predicted frame is drawn").doesNotContain(0);

        TecoConfig all = Tiny.builder().seqLen(20).dropLossRate(0).build();
        assertThat(feed(all, 1, null, 3).get(TecoModel.DROP_IDX).ints())
                .containsExactly(java.util.stream.IntStream.range(0, 19).toArray());
    }

    private static int lossFrames(double rate) {
        return Tiny.builder().seqLen(20).dropLossRate(rate).build().lossFrames();
    }

    @Test
    void theFeedIsDeterministicForTheRngState() {
        TecoConfig cfg = Tiny.config();
        int[] actions = Tiny.ints(new SplittableRandom(3), 4 * cfg.seqLen(), cfg.actionDim());
        TrainingFeed a = feed(cfg, 4, actions, 11);
        TrainingFeed b = feed(cfg, 4, actions, 11);
        assertThat(a.tensors()).hasSameSizeAs(b.tensors());
        for (int i = 0; i < a.tensors().size(); i++) {
            TrainingFeed.Tensor x = a.tensors().get(i);
            TrainingFeed.Tensor y = b.tensors().get(i);
            assertThat(x.name()).isEqualTo(y.name());
            if (x.isIndex()) {
                assertThat(x.ints()).containsExactly(y.ints());
            } else {
                assertThat(x.floats()).containsExactly(y.floats());
            }
        }
        assertThat(a.tensors().stream().map(TrainingFeed.Tensor::name))
                .containsExactly(TecoModel.CODES, TecoModel.ACTIONS, TecoModel.DROP_IDX, Tiny.PRIOR_MASK);
    }
}
