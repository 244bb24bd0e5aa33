package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shared transformer definitions mean what the original means: attention against plain loops
 * written from flax's dot_product_attention, the mask's effect, the position tables, parameter
 * names/shapes as Flax would name them, and the initialisers' fan-in.
 */
class TransformerSemanticsTest {

    /** MultiHeadAttention from its definition, in double, for x [L, D] (batch 1). */
    private static double[] referenceAttention(float[] x, int l, int d, int h, ParamStore p, String n, boolean[] mask) {
        int hd = d / h;
        double[][][] q = proj(x, l, d, h, hd, p.get(n + ".query.kernel"), p.get(n + ".query.bias"));
        double[][][] k = proj(x, l, d, h, hd, p.get(n + ".key.kernel"), p.get(n + ".key.bias"));
        double[][][] v = proj(x, l, d, h, hd, p.get(n + ".value.kernel"), p.get(n + ".value.bias"));
        double[][][] o = new double[l][h][hd];
        for (int head = 0; head < h; head++) {
            for (int i = 0; i < l; i++) {
                double[] logit = new double[l];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < l; j++) {
                    double s = 0;
                    for (int c = 0; c < hd; c++) {
                        s += q[i][head][c] / Math.sqrt(hd) * k[j][head][c];
                    }
                    logit[j] = s + (mask == null || mask[i * l + j] ? 0 : -1e10);
                    max = Math.max(max, logit[j]);
                }
                double z = 0;
                for (int j = 0; j < l; j++) {
                    logit[j] = Math.exp(logit[j] - max);
                    z += logit[j];
                }
                for (int j = 0; j < l; j++) {
                    for (int c = 0; c < hd; c++) {
                        o[i][head][c] += logit[j] / z * v[j][head][c];
                    }
                }
            }
        }
        float[] ok = p.get(n + ".out.kernel"); // [H, hd, D]
        float[] ob = p.get(n + ".out_bias.bias");
        double[] y = new double[l * d];
        for (int i = 0; i < l; i++) {
            for (int e = 0; e < d; e++) {
                double s = ob[e];
                for (int head = 0; head < h; head++) {
                    for (int c = 0; c < hd; c++) {
                        s += o[i][head][c] * ok[(head * hd + c) * d + e];
                    }
                }
                y[i * d + e] = s;
            }
        }
        return y;
    }

    private static double[][][] proj(float[] x, int l, int d, int h, int hd, float[] kern, float[] bias) {
        double[][][] r = new double[l][h][hd];
        for (int i = 0; i < l; i++) {
            for (int head = 0; head < h; head++) {
                for (int c = 0; c < hd; c++) {
                    double s = bias[head * hd + c];
                    for (int e = 0; e < d; e++) {
                        s += x[i * d + e] * kern[(e * h + head) * hd + c];
                    }
                    r[i][head][c] = s;
                }
            }
        }
        return r;
    }

    @Test
    void attentionMatchesItsDefinition() throws Exception {
        int l = 6, d = 8, h = 2;
        boolean[] mask = Masks.frameCausal(3, 2);
        Backends.Feed x = Backends.Feed.floats(new Random(51), 1, l, d);
        ParamStore params = new ParamStore(9);
        // Non-zero biases so their placement is checked too.
        Random r = new Random(52);
        for (String b : new String[] {"query", "key", "value"}) {
            float[] bias = new float[h * (d / h)];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = (float) r.nextGaussian();
            }
            params.put("mha." + b + ".bias", new int[] {h, d / h}, bias);
        }
        float[] ob = new float[d];
        for (int i = 0; i < d; i++) {
            ob[i] = (float) r.nextGaussian();
        }
        params.put("mha.out_bias.bias", new int[] {d}, ob);
        Backends.Net net = new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T bias = ops.constant(Masks.additiveBias(mask), l, l);
                ops.output("y", MultiHeadAttention.apply(ops, "mha", ops.input("x", 1, l, d), h, bias));
            }
        };
        float[] got = Backends.runOnnx(net, params, Map.of("x", x)).get("y");
        double[] want = referenceAttention(x.data(), l, d, h, params, "mha", mask);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("y[" + i + "]").isCloseTo(want[i], offset(2e-5));
        }
    }

    @Test
    void frameCausalStackIgnoresLaterFrames() throws Exception {
        // Changing frame 1's input must leave frame 0's outputs unchanged, and change frame 1's.
        Transformer.Config cfg = new Transformer.Config(16, 2, 2, 32, new int[] {2, 4},
                Transformer.PositionEmbedding.SINUSOIDAL, 0, true);
        Backends.Net net = new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", Transformer.apply(ops, "tfm", cfg, ops.input("x", 1, 2, 4, 3), null, Masks.frameCausal(2, 4)));
            }
        };
        ParamStore params = new ParamStore(5);
        Backends.Feed a = Backends.Feed.floats(new Random(53), 1, 2, 4, 3);
        float[] changed = a.data().clone();
        for (int i = 12; i < 24; i++) {
            changed[i] += 1f;
        }
        Backends.Feed b = new Backends.Feed(a.shape(), changed, null);
        float[] ya = Backends.runSameDiff(net, params, Map.of("x", a)).get("y");
        float[] yb = Backends.runSameDiff(net, params, Map.of("x", b)).get("y");
        double early = 0, late = 0;
        for (int i = 0; i < 64; i++) {
            early = Math.max(early, Math.abs(ya[i] - yb[i]));
            late = Math.max(late, Math.abs(ya[64 + i] - yb[64 + i]));
        }
        assertThat(early).isEqualTo(0.0);
        assertThat(late).isGreaterThan(1e-3);
    }

    @Test
    void sinusoidalTableIsSinesThenCosines() {
        int d = 8;
        float[] t = PositionBiases.sinusoidal(5, d);
        for (int p = 0; p < 5; p++) {
            for (int i = 0; i < d / 2; i++) {
                double f = 1 / Math.pow(10000, 2.0 * i / d);
                assertThat((double) t[p * d + i]).isCloseTo(Math.sin(p * f), offset(1e-6));
                assertThat((double) t[p * d + d / 2 + i]).isCloseTo(Math.cos(p * f), offset(1e-6));
            }
        }
    }

    @Test
    void broadcastPositionsConcatenatePerAxisChunks() throws Exception {
        // shape (2, 3), D = 5: chunks 3 + 2; token (i, j) = [d_0[i], d_1[j]].
        ParamStore params = new ParamStore(4);
        float[] got = Backends.runOnnx(new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", PositionBiases.broadcast(ops, "pos", new int[] {2, 3}, 5));
            }
        }, params, Map.of()).get("y");
        assertThat(params.shape("pos.d_0")).containsExactly(2, 3);
        assertThat(params.shape("pos.d_1")).containsExactly(3, 2);
        float[] d0 = params.get("pos.d_0");
        float[] d1 = params.get("pos.d_1");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                int row = (i * 3 + j) * 5;
                for (int c = 0; c < 3; c++) {
                    assertThat(got[row + c]).isEqualTo(d0[i * 3 + c]);
                }
                for (int c = 0; c < 2; c++) {
                    assertThat(got[row + 3 + c]).isEqualTo(d1[j * 2 + c]);
                }
            }
        }
    }

    @Test
    void parameterNamesAndShapesFollowFlax() {
        Transformer.Config cfg = new Transformer.Config(8, 2, 2, 12, new int[] {2, 3},
                Transformer.PositionEmbedding.BROADCAST, 7, true);
        ParamStore params = new ParamStore(1);
        SameDiffOps ops = new SameDiffOps(params, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Transformer.apply(ops, "net", cfg, ops.input("x", 1, 2, 3, 4), null, null);
        Map<String, String> got = new TreeMap<>();
        for (String n : params.names()) {
            got.put(n, java.util.Arrays.toString(params.shape(n)));
        }
        Map<String, String> want = new TreeMap<>();
        want.put("net.Dense_0.kernel", "[4, 8]");
        want.put("net.Dense_0.bias", "[8]");
        want.put("net.BroadcastPositionBiases_0.d_0", "[2, 4]");
        want.put("net.BroadcastPositionBiases_0.d_1", "[3, 4]");
        for (int i = 0; i < 2; i++) {
            String p = "net.TransformerLayer_" + i + ".";
            want.put(p + "LayerNorm_0.scale", "[8]");
            want.put(p + "LayerNorm_0.bias", "[8]");
            for (String qkv : new String[] {"query", "key", "value"}) {
                want.put(p + "MultiHeadAttention_0." + qkv + ".kernel", "[8, 2, 4]");
                want.put(p + "MultiHeadAttention_0." + qkv + ".bias", "[2, 4]");
            }
            want.put(p + "MultiHeadAttention_0.out.kernel", "[2, 4, 8]");
            want.put(p + "MultiHeadAttention_0.out_bias.bias", "[8]");
            want.put(p + "LayerNorm_1.scale", "[8]");
            want.put(p + "LayerNorm_1.bias", "[8]");
            want.put(p + "MlpBlock_0.wi.kernel", "[8, 12]");
            want.put(p + "MlpBlock_0.wi.bias", "[12]");
            want.put(p + "MlpBlock_0.wo.kernel", "[12, 8]");
            want.put(p + "MlpBlock_0.wo_bias.bias", "[8]");
        }
        want.put("net.Dense_1.kernel", "[8, 8]");
        want.put("net.Dense_1.bias", "[8]");
        want.put("net.LayerNorm_0.scale", "[8]");
        want.put("net.LayerNorm_0.bias", "[8]");
        want.put("net.Dense_2.kernel", "[8, 7]");
        want.put("net.AddBias_0.bias", "[7]");
        assertThat(got).isEqualTo(want);
    }

    @Test
    void attentionKernelsUseDenseGeneralFanIn() {
        // D = 64, 4 heads × 16: q/k/v fan-in 64 (std 1/8), out fan-in 4·16 = 64 too; with 8 heads
        // of 4 the 3-D [64, 8, 4] kernel would wrongly get fan-in 512 if all leading axes counted.
        ParamStore params = new ParamStore(2);
        SameDiffOps ops = new SameDiffOps(params, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        MultiHeadAttention.apply(ops, "m", ops.input("x", 1, 2, 64), 8, null);
        assertThat(std(params.get("m.query.kernel"))).isCloseTo(1 / 8.0, offset(0.006));
        assertThat(std(params.get("m.out.kernel"))).isCloseTo(1 / 8.0, offset(0.006));
        assertThat(params.get("m.query.bias")).containsOnly(0f);
        ParamStore abs = new ParamStore(3);
        SameDiffOps ops2 = new SameDiffOps(abs, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        PositionBiases.absolute(ops2, "a", 300, 16);
        assertThat(std(abs.get("a.abs_embedding"))).isCloseTo(0.25, offset(0.012));
    }

    private static double std(float[] a) {
        double s = 0, sq = 0;
        for (float v : a) {
            s += v;
            sq += (double) v * v;
        }
        double m = s / a.length;
        return Math.sqrt(sq / a.length - m * m);
    }
}
