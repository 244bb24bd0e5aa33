package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ops the next slice (attention, transformer) is built from, checked the same way as the
 * blocks: SameDiff vs ONNX Runtime to 1e-4 and float64 central differences.
 */
class OpsParityTest {

    private static void check(String label, Backends.Net net, Map<String, Backends.Feed> feeds) throws Exception {
        ParamStore params = new ParamStore(5);
        double diff = Backends.parity(net, params, feeds);
        double grad = Backends.gradCheck(net, params, feeds, 12, 9);
        double eager = Backends.eagerVsSameDiff(net, params, feeds, 11);
        assertThat(eager).as(label + " eager vs SameDiff").isLessThanOrEqualTo(1e-9);
        System.out.printf("%-28s parity max|diff| %.3e  grad max rel err %.3e%n", label, diff, grad);
        assertThat(diff).as(label + " parity").isLessThanOrEqualTo(1e-4);
        assertThat(grad).as(label + " gradient").isLessThanOrEqualTo(1e-5);
    }

    private static Map<String, Backends.Feed> feeds(Object... nameThenFeed) {
        Map<String, Backends.Feed> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenFeed.length; i += 2) {
            m.put((String) nameThenFeed[i], (Backends.Feed) nameThenFeed[i + 1]);
        }
        return m;
    }

    /** Causal additive mask [t, t]: 0 on and below the diagonal, −1e10 above (as TECO masks). */
    private static float[] causalMask(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = -1e10f;
            }
        }
        return m;
    }

    @Test
    void maskedAttentionWithRank4BatchedMatmul() throws Exception {
        Random rng = new Random(21);
        // q, k, v: [batch 2, heads 2, tokens 3, head dim 4]
        check("attention rank4", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T q = ops.input("q", 2, 2, 3, 4);
                T k = ops.input("k", 2, 2, 3, 4);
                T v = ops.input("v", 2, 2, 3, 4);
                T logits = ops.mul(ops.matmul(q, ops.transpose(k, 0, 1, 3, 2)), ops.scalar(0.5f));
                T p = ops.softmax(ops.add(logits, ops.constant(causalMask(3), 3, 3)));
                ops.output("y", ops.matmul(p, v));
            }
        }, feeds("q", Backends.Feed.floats(rng, 2, 2, 3, 4), "k", Backends.Feed.floats(rng, 2, 2, 3, 4),
                "v", Backends.Feed.floats(rng, 2, 2, 3, 4)));
    }

    @Test
    void logAndLogSoftmaxOverTheLastAxis() throws Exception {
        Random rng = new Random(24);
        check("log / logSoftmax", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 2, 3, 5);
                ops.output("ls", ops.logSoftmax(ops.mul(x, ops.scalar(4f))));
                ops.output("log", ops.log(ops.add(ops.mul(x, x), ops.scalar(0.1f))));
            }
        }, feeds("x", Backends.Feed.floats(rng, 2, 3, 5)));
    }

    @Test
    void rank3BatchedMatmul() throws Exception {
        Random rng = new Random(22);
        check("matmul rank3", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", ops.matmul(ops.input("a", 2, 3, 4), ops.input("b", 2, 4, 5)));
            }
        }, feeds("a", Backends.Feed.floats(rng, 2, 3, 4), "b", Backends.Feed.floats(rng, 2, 4, 5)));
    }

    @Test
    void sliceConcatFlipAndReductions() throws Exception {
        Random rng = new Random(23);
        check("slice/concat/flip/reduce", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 2, 5, 3);
                T head = ops.slice(x, 1, 1, 4);
                T tail = ops.flip(ops.slice(x, 1, 0, 2), 1, 2);
                T cat = ops.concat(1, List.of(head, tail));
                T sum = ops.reduceSum(cat, false, 1);
                T mean = ops.reduceMean(cat, true, -1);
                ops.output("sum", sum);
                ops.output("mean", mean);
            }
        }, feeds("x", Backends.Feed.floats(rng, 2, 5, 3)));
    }

    @Test
    void elementwiseMath() throws Exception {
        Random rng = new Random(24);
        check("sqrt/rsqrt/exp/div/relu", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 3, 4);
                T pos = ops.add(ops.exp(x), ops.scalar(0.5f));
                T y = ops.div(ops.sqrt(pos), ops.add(ops.mul(x, x), ops.scalar(1f)));
                y = ops.add(y, ops.rsqrt(pos));
                y = ops.sub(y, ops.relu(ops.tanh(x)));
                ops.output("y", ops.mul(y, ops.sigmoid(x)));
            }
        }, feeds("x", Backends.Feed.floats(rng, 3, 4)));
    }

    /**
     * Broadcasting in every layout the eager back end treats separately: a leading run of
     * broadcast axes, a trailing run, one in the middle, several runs, both operands broadcast,
     * and a middle run with many leading rows (its reduction path), through all four operators.
     */
    @Test
    void broadcastLayouts() throws Exception {
        Random rng = new Random(25);
        check("broadcast layouts", new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 2, 3, 4, 5);
                T y = ops.add(x, ops.input("lead", 5));              // [5]: leading run
                y = ops.mul(y, ops.input("trail", 2, 3, 1, 1));      // trailing run
                y = ops.sub(y, ops.input("middle", 2, 1, 1, 5));     // middle run
                y = ops.div(y, ops.add(ops.exp(ops.input("runs", 1, 3, 1, 5)), ops.scalar(1f))); // two runs
                T both = ops.mul(ops.input("col", 2, 1, 4, 1), ops.input("row", 1, 3, 1, 5)); // both broadcast
                y = ops.add(y, both);
                T wide = ops.input("wide", 300, 2, 3);
                T w = ops.mul(wide, ops.input("mid", 300, 1, 3));    // middle run, many leading rows
                ops.output("y", y);
                ops.output("w", ops.reduceMean(ops.mul(w, w), true, 1));
            }
        }, feeds("x", Backends.Feed.floats(rng, 2, 3, 4, 5), "lead", Backends.Feed.floats(rng, 5),
                "trail", Backends.Feed.floats(rng, 2, 3, 1, 1), "middle", Backends.Feed.floats(rng, 2, 1, 1, 5),
                "runs", Backends.Feed.floats(rng, 1, 3, 1, 5), "col", Backends.Feed.floats(rng, 2, 1, 4, 1),
                "row", Backends.Feed.floats(rng, 1, 3, 1, 5), "wide", Backends.Feed.floats(rng, 300, 2, 3),
                "mid", Backends.Feed.floats(rng, 300, 1, 3)));
    }
}
