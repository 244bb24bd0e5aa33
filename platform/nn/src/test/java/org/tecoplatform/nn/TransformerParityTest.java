package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attention, transformer layer and stack: SameDiff (float32) vs ONNX Runtime to 1e-4 and float64
 * gradients against central differences, at tiny sizes (embed 16, 2 heads, 2 frames × 4 tokens).
 * Attention and the layer are checked element by element (sampled per array); the stacks, whose
 * blocks those checks cover, by random directional derivatives over all their arrays at once:
 * every numeric evaluation is a SameDiff forward pass, ~0.1–0.3 s each for a stack on this machine.
 */
class TransformerParityTest {

    private static final double PARITY = 1e-4;
    private static final double GRAD = 1e-5;

    /** {@code samples} > 0: that many elements per array; otherwise −samples random directions over all arrays. */
    private static void check(String label, Backends.Net net, Map<String, Backends.Feed> feeds, int samples) throws Exception {
        ParamStore params = new ParamStore(17);
        double diff = Backends.parity(net, params, feeds);
        double grad = samples > 0 ? Backends.gradCheck(net, params, feeds, samples, 23)
                : Backends.gradCheckDirectional(net, params, feeds, -samples, 23);
        System.out.printf("%-34s parity max|diff| %.3e  grad max rel err %.3e  params %d%n", label, diff, grad, params.size());
        assertThat(diff).as(label + " parity").isLessThanOrEqualTo(PARITY);
        assertThat(grad).as(label + " gradient").isLessThanOrEqualTo(GRAD);
    }

    private static Map<String, Backends.Feed> feeds(Object... nameThenFeed) {
        Map<String, Backends.Feed> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenFeed.length; i += 2) {
            m.put((String) nameThenFeed[i], (Backends.Feed) nameThenFeed[i + 1]);
        }
        return m;
    }

    @Test
    void attentionUnderFrameCausalMask() throws Exception {
        check("MultiHeadAttention causal", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T mask = ops.constant(Masks.additiveBias(Masks.frameCausal(2, 4)), 8, 8);
                ops.output("y", MultiHeadAttention.apply(ops, "mha", ops.input("x", 2, 8, 16), 2, mask));
            }
        }, feeds("x", Backends.Feed.floats(new Random(41), 2, 8, 16)), 6);
    }

    @Test
    void attentionWithoutMask() throws Exception {
        check("MultiHeadAttention no mask", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", MultiHeadAttention.apply(ops, "mha", ops.input("x", 1, 5, 8), 2, null));
            }
        }, feeds("x", Backends.Feed.floats(new Random(42), 1, 5, 8)), 5);
    }

    @Test
    void transformerLayer() throws Exception {
        check("TransformerLayer causal", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T mask = ops.constant(Masks.additiveBias(Masks.frameCausal(2, 4)), 8, 8);
                ops.output("y", TransformerLayer.apply(ops, "layer", ops.input("x", 2, 8, 16), 2, 32, mask));
            }
        }, feeds("x", Backends.Feed.floats(new Random(43), 2, 8, 16)), 2);
    }

    @Test
    void temporalStyleStackSinusoidalFrameCausal() throws Exception {
        // As TECO's z_tfm: shape (frames, h, w), sinusoidal positions, frame-causal mask.
        Transformer.Config cfg = new Transformer.Config(16, 2, 2, 32, new int[] {2, 2, 2},
                Transformer.PositionEmbedding.SINUSOIDAL, 0, true);
        check("Transformer sinusoidal causal", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Transformer.apply(ops, "tfm", cfg, ops.input("x", 2, 2, 2, 2, 6), null,
                        Masks.frameCausal(2, 4)));
            }
        }, feeds("x", Backends.Feed.floats(new Random(44), 2, 2, 2, 2, 6)), -4);
    }

    @Test
    void maskGitStyleStackBroadcastWithCondAndOutput() throws Exception {
        // As MaskGit's net: grid (2, 4), broadcast positions, cond concatenated, no mask, out dense.
        Transformer.Config cfg = new Transformer.Config(16, 2, 2, 32, new int[] {2, 4},
                Transformer.PositionEmbedding.BROADCAST, 5, true);
        check("Transformer broadcast cond out", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Transformer.apply(ops, "tfm", cfg, ops.input("x", 2, 2, 4, 3),
                        ops.input("c", 2, 2, 4, 4), null));
            }
        }, feeds("x", Backends.Feed.floats(new Random(45), 2, 2, 4, 3),
                "c", Backends.Feed.floats(new Random(46), 2, 2, 4, 4)), -4);
    }

    @Test
    void stackWithAbsolutePositionsAndNoFcIn() throws Exception {
        Transformer.Config cfg = new Transformer.Config(8, 2, 1, 16, new int[] {6},
                Transformer.PositionEmbedding.ABSOLUTE, 0, false);
        check("Transformer absolute no fc_in", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Transformer.apply(ops, "tfm", cfg, ops.input("x", 2, 6, 8), null, Masks.full(6)));
            }
        }, feeds("x", Backends.Feed.floats(new Random(47), 2, 6, 8)), -4);
    }
}
