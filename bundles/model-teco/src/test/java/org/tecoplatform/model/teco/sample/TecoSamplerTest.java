package org.tecoplatform.model.teco.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TinyTeco;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.onnx.OrtSettings;

/**
 * The sampler on the exported graphs: with the key/value cache and recomputing the whole
 * transformer per frame (the original's way), the same seed gives the same videos, through the
 * first window and past seq_len where the window slides.
 */
class TecoSamplerTest {

    @TempDir
    static Path tmp;
    static TecoModel model;
    static Path export;

    @BeforeAll
    static void exportTinyModel() throws Exception {
        model = TinyTeco.model();
        export = tmp.resolve("onnx");
        InferenceExport.write(model, new ParamStore(17), export);
    }

    private static int[] rollout(boolean cache, long seed, int b, int frames, int ctx, int[] codes, int[] actions) throws Exception {
        List<Integer> seen = new ArrayList<>();
        try (TecoSampler s = new TecoSampler(export, model.config(), model.prior(), OrtSettings.cpu(1), cache)) {
            int[] out = s.rollout(codes, actions, b, frames, ctx, new SplittableRandom(seed), seen::add);
            assertThat(seen).hasSize(frames - ctx);
            return out;
        }
    }

    @Test
    void cachedAndRecomputedSamplingGiveIdenticalVideosIncludingPastTheWindow() throws Exception {
        TecoConfig c = model.config();
        int b = 2;
        int frames = c.seqLen() + 3;
        int ctx = c.openLoopCtx();
        int hw = c.latentHeight() * c.latentWidth();
        SplittableRandom rng = new SplittableRandom(4);
        int[] codes = new int[b * frames * hw];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(c.vqCodes());
        }
        int[] actions = new int[b * frames];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(c.actionDim() + 1);
        }
        int[] cached = rollout(true, 7, b, frames, ctx, codes, actions);
        int[] recomputed = rollout(false, 7, b, frames, ctx, codes, actions);
        assertThat(cached).containsExactly(recomputed);
        for (int v = 0; v < b; v++) {
            for (int k = 0; k < ctx * hw; k++) {
                assertThat(cached[v * frames * hw + k]).isEqualTo(codes[v * frames * hw + k]);
            }
        }
        assertThat(rollout(true, 8, b, frames, ctx, codes, actions)).as("another seed, other videos").isNotEqualTo(cached);
    }

    /** The autoregressive prior through the same sampler: its cached steps and the full passes give the same videos. */
    @Test
    void autoregressivePriorSamplesTheSameVideosCachedAndRecomputed() throws Exception {
        TecoModel ar = TinyTeco.model(TinyTeco.autoregressive(TinyTeco.config()));
        Path dir = tmp.resolve("onnx-ar");
        InferenceExport.write(ar, new ParamStore(18), dir);
        TecoConfig c = ar.config();
        int b = 2;
        int frames = c.seqLen() + 1;
        int ctx = c.openLoopCtx();
        int hw = c.latentHeight() * c.latentWidth();
        SplittableRandom rng = new SplittableRandom(5);
        int[] codes = new int[b * frames * hw];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(c.vqCodes());
        }
        int[] actions = new int[b * frames];
        int[][] out = new int[2][];
        for (int m = 0; m < 2; m++) {
            try (TecoSampler s = new TecoSampler(dir, c, ar.prior(), OrtSettings.cpu(1), m == 0)) {
                out[m] = s.rollout(codes, actions, b, frames, ctx, new SplittableRandom(9), f -> { });
            }
        }
        assertThat(out[0]).containsExactly(out[1]);
    }

    private static int[] rollout(boolean cache, int pastFrames, int frames, int ctx, int[] codes) throws Exception {
        try (TecoSampler s = new TecoSampler(export, model.config(), model.prior(), OrtSettings.cpu(1), cache, pastFrames)) {
            return s.rollout(codes, new int[frames], 1, frames, ctx, new SplittableRandom(11), f -> { });
        }
    }

    /** A shorter memory: frames are predicted from the last few only, cached or not, and the default is the whole window. */
    @Test
    void aShortWindowSeesOnlyTheLastFramesAndTheDefaultIsTheWholeWindow() throws Exception {
        TecoConfig c = model.config();
        int s = c.seqLen();
        int frames = s + 3;
        int ctx = s - 1;
        int hw = c.latentHeight() * c.latentWidth();
        SplittableRandom rng = new SplittableRandom(6);
        int[] codes = new int[frames * hw];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(c.vqCodes());
        }
        int[] whole = rollout(true, s - 1, frames, ctx, codes);
        try (TecoSampler d = new TecoSampler(export, c, model.prior(), OrtSettings.cpu(1), true)) {
            assertThat(d.rollout(codes, new int[frames], 1, frames, ctx, new SplittableRandom(11), f -> { })).containsExactly(whole);
        }
        int[] shortWindow = rollout(true, 1, frames, ctx, codes);
        assertThat(rollout(false, 1, frames, ctx, codes)).containsExactly(shortWindow);
        assertThat(shortWindow).isNotEqualTo(whole);

        // With one past frame, context frames before the last never reach a generated frame.
        int[] otherStart = codes.clone();
        for (int k = 0; k < hw; k++) {
            otherStart[k] = (codes[k] + 1) % c.vqCodes();
        }
        int[] shortOther = rollout(true, 1, frames, ctx, otherStart);
        assertThat(java.util.Arrays.copyOfRange(shortOther, ctx * hw, frames * hw))
                .containsExactly(java.util.Arrays.copyOfRange(shortWindow, ctx * hw, frames * hw));
        assertThat(java.util.Arrays.copyOfRange(rollout(true, s - 1, frames, ctx, otherStart), ctx * hw, frames * hw))
                .as("the whole window does see frame 0").isNotEqualTo(java.util.Arrays.copyOfRange(whole, ctx * hw, frames * hw));
    }
}
