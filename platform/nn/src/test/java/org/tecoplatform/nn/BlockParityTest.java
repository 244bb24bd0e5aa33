package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every block: SameDiff (float32) and the exported ONNX graph in ONNX Runtime agree to 1e-4 on
 * the same parameters and input, and SameDiff's gradients (float64) match central differences.
 */
class BlockParityTest {

    private static final double PARITY = 1e-4;
    private static final double GRAD = 1e-5;

    private static Map<String, Backends.Feed> feed(String name, Backends.Feed f) {
        Map<String, Backends.Feed> m = new LinkedHashMap<>();
        m.put(name, f);
        return m;
    }

    /** Checks parity and gradients, printing both so reports can quote them. */
    private static void check(String label, Backends.Net net, Map<String, Backends.Feed> feeds) throws Exception {
        ParamStore params = new ParamStore(42);
        double diff = Backends.parity(net, params, feeds);
        double grad = Backends.gradCheck(net, params, feeds, 12, 7);
        double eager = Backends.eagerVsSameDiff(net, params, feeds, 11);
        assertThat(eager).as(label + " eager vs SameDiff").isLessThanOrEqualTo(1e-9);
        System.out.printf("%-28s parity max|diff| %.3e  grad max rel err %.3e  params %d%n", label, diff, grad, params.size());
        assertThat(diff).as(label + " parity").isLessThanOrEqualTo(PARITY);
        assertThat(grad).as(label + " gradient").isLessThanOrEqualTo(GRAD);
    }

    @Test
    void denseWithBiasOnRank2() throws Exception {
        check("Dense rank2 +bias", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Dense.apply(ops, "d", ops.input("x", 3, 5), 4, true));
            }
        }, feed("x", Backends.Feed.floats(new Random(1), 3, 5)));
    }

    @Test
    void denseWithoutBiasOnRank3() throws Exception {
        check("Dense rank3 no bias", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Dense.apply(ops, "d", ops.input("x", 2, 3, 5), 4, false));
            }
        }, feed("x", Backends.Feed.floats(new Random(2), 2, 3, 5)));
    }

    @Test
    void embeddingLooksUpRowsIncludingTheLast() throws Exception {
        int[] ids = Embedding.resolve(new int[] {0, 6, -1, 3, 2, -7}, 7);
        check("Embedding", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Embedding.apply(ops, "e", ops.indexInput("ids", 2, 3), 7, 4));
            }
        }, feed("ids", Backends.Feed.ids(ids, 2, 3)));
    }

    @Test
    void conv3x3WithBias() throws Exception {
        check("Conv 3x3 +bias", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Conv.same(ops, "c", ops.input("x", 2, 5, 4, 3), 4, 3, true));
            }
        }, feed("x", Backends.Feed.floats(new Random(3), 2, 5, 4, 3)));
    }

    @Test
    void conv1x1WithoutBias() throws Exception {
        check("Conv 1x1 no bias", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Conv.same(ops, "c", ops.input("x", 2, 3, 3, 3), 5, 1, false));
            }
        }, feed("x", Backends.Feed.floats(new Random(4), 2, 3, 3, 3)));
    }

    @Test
    void stridedPatchConvWithoutBias() throws Exception {
        check("Conv 2x2 stride 2 no bias", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Conv.patches(ops, "c", ops.input("x", 1, 4, 6, 3), 5, 2, false));
            }
        }, feed("x", Backends.Feed.floats(new Random(5), 1, 4, 6, 3)));
    }

    @Test
    void transposedConvStrideEqualsKernel() throws Exception {
        check("TransposedConv k2 s2", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", TransposedConv.apply(ops, "t", ops.input("x", 1, 2, 3, 4), 3, 2));
            }
        }, feed("x", Backends.Feed.floats(new Random(6), 1, 2, 3, 4)));
    }

    @Test
    void avgPool2() throws Exception {
        check("AvgPool2", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", AvgPool2.apply(ops, ops.input("x", 2, 4, 6, 3)));
            }
        }, feed("x", Backends.Feed.floats(new Random(7), 2, 4, 6, 3)));
    }

    @Test
    void upsample2() throws Exception {
        check("Upsample2", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Upsample2.apply(ops, ops.input("x", 2, 2, 3, 3)));
            }
        }, feed("x", Backends.Feed.floats(new Random(8), 2, 2, 3, 3)));
    }

    @Test
    void groupNorm32Groups() throws Exception {
        check("GroupNorm 32 groups", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", GroupNorm.apply(ops, "g", ops.input("x", 2, 3, 3, 64)));
            }
        }, feed("x", Backends.Feed.floats(new Random(9), 2, 3, 3, 64)));
    }

    @Test
    void layerNorm() throws Exception {
        check("LayerNorm", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", LayerNorm.apply(ops, "ln", ops.input("x", 2, 3, 6)));
            }
        }, feed("x", Backends.Feed.floats(new Random(10), 2, 3, 6)));
    }

    @Test
    void elu() throws Exception {
        check("ELU", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Activations.elu(ops, ops.input("x", 4, 5)));
            }
        }, feed("x", Backends.Feed.floats(new Random(11), 4, 5)));
    }

    @Test
    void geluTanh() throws Exception {
        check("GELU tanh", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Activations.geluTanh(ops, ops.input("x", 4, 5)));
            }
        }, feed("x", Backends.Feed.floats(new Random(12), 4, 5)));
    }

    @Test
    void geluErf() throws Exception {
        check("GELU erf", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Activations.geluErf(ops, ops.input("x", 4, 5)));
            }
        }, feed("x", Backends.Feed.floats(new Random(13), 4, 5)));
    }

    @Test
    void quickGelu() throws Exception {
        check("QuickGELU", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Activations.quickGelu(ops, ops.input("x", 4, 5)));
            }
        }, feed("x", Backends.Feed.floats(new Random(14), 4, 5)));
    }

    @Test
    void resNetBlockSameChannels() throws Exception {
        check("ResNetBlock 32->32", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", ResNetBlock.apply(ops, "b", ops.input("x", 1, 3, 3, 32), 32));
            }
        }, feed("x", Backends.Feed.floats(new Random(15), 1, 3, 3, 32)));
    }

    @Test
    void resNetBlockWithSkipConv() throws Exception {
        check("ResNetBlock 32->64 skip", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", ResNetBlock.apply(ops, "b", ops.input("x", 1, 2, 3, 32), 64));
            }
        }, feed("x", Backends.Feed.floats(new Random(16), 1, 2, 3, 32)));
    }
}
