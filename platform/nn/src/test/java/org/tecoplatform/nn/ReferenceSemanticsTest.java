package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parity shows the two lowerings agree; these show the shared definitions mean what the original
 * means, against plain loops written from JAX's definitions.
 */
class ReferenceSemanticsTest {

    /**
     * lax.conv_transpose(x, K, strides=(k, k), padding='VALID', transpose_kernel=False) as JAX
     * computes it: dilate the input by k, pad k−1 on each side, correlate with K as stored.
     */
    private static float[] laxConvTranspose(float[] x, int h, int w, int c, float[] kern, int k, int o) {
        int dh = (h - 1) * k + 1 + 2 * (k - 1);
        int dw = (w - 1) * k + 1 + 2 * (k - 1);
        float[] pad = new float[dh * dw * c];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                for (int ch = 0; ch < c; ch++) {
                    pad[((i * k + k - 1) * dw + (j * k + k - 1)) * c + ch] = x[(i * w + j) * c + ch];
                }
            }
        }
        int oh = dh - k + 1;
        int ow = dw - k + 1;
        float[] out = new float[oh * ow * o];
        for (int p = 0; p < oh; p++) {
            for (int q = 0; q < ow; q++) {
                for (int oc = 0; oc < o; oc++) {
                    double s = 0;
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            for (int ch = 0; ch < c; ch++) {
                                s += pad[((p + a) * dw + (q + b)) * c + ch] * kern[((a * k + b) * c + ch) * o + oc];
                            }
                        }
                    }
                    out[(p * ow + q) * o + oc] = (float) s;
                }
            }
        }
        return out;
    }

    @Test
    void transposedConvMatchesLaxConvTransposeValid() throws Exception {
        int h = 2, w = 3, c = 4, k = 2, o = 3;
        Backends.Feed x = Backends.Feed.floats(new Random(31), 1, h, w, c);
        ParamStore params = new ParamStore(3);
        float[] got = Backends.runOnnx(new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("y", TransposedConv.apply(ops, "t", ops.input("x", 1, h, w, c), o, k));
            }
        }, params, Map.of("x", x)).get("y");
        float[] want = laxConvTranspose(x.data(), h, w, c, params.get("t.kernel"), k, o);
        assertThat(want).hasSize(h * k * w * k * o);
        assertThat(got).containsExactly(want, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void avgPoolAndUpsampleMatchTheirDefinitions() throws Exception {
        Backends.Feed x = Backends.Feed.floats(new Random(32), 1, 4, 2, 2);
        float[] d = x.data();
        Map<String, float[]> got = Backends.runOnnx(new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T in = ops.input("x", 1, 4, 2, 2);
                ops.output("pool", AvgPool2.apply(ops, in));
                ops.output("up", Upsample2.apply(ops, in));
            }
        }, new ParamStore(0), Map.of("x", x));
        // pool: [1, 2, 1, 2], mean of each 2x2 window
        for (int i = 0; i < 2; i++) {
            for (int ch = 0; ch < 2; ch++) {
                float m = (d[((2 * i) * 2 + 0) * 2 + ch] + d[((2 * i) * 2 + 1) * 2 + ch]
                        + d[((2 * i + 1) * 2 + 0) * 2 + ch] + d[((2 * i + 1) * 2 + 1) * 2 + ch]) / 4;
                assertThat(got.get("pool")[i * 2 + ch]).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        // up: [1, 8, 4, 2], out[i][j] = in[i / 2][j / 2]
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                for (int ch = 0; ch < 2; ch++) {
                    assertThat(got.get("up")[(i * 4 + j) * 2 + ch]).isEqualTo(d[((i / 2) * 2 + j / 2) * 2 + ch]);
                }
            }
        }
    }

    @Test
    void groupNormAndLayerNormNormalise() throws Exception {
        Backends.Feed x = Backends.Feed.floats(new Random(33), 1, 2, 2, 64);
        Map<String, float[]> got = Backends.runOnnx(new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T in = ops.input("x", 1, 2, 2, 64);
                ops.output("gn", GroupNorm.apply(ops, "g", in));
                ops.output("ln", LayerNorm.apply(ops, "l", in));
            }
        }, new ParamStore(0), Map.of("x", x));
        // GroupNorm (scale 1, bias 0): each group (2 channels × 4 pixels) has mean 0, variance ≈ 1.
        float[] gn = got.get("gn");
        for (int g = 0; g < 32; g++) {
            double s = 0, sq = 0;
            for (int p = 0; p < 4; p++) {
                for (int ch = 2 * g; ch < 2 * g + 2; ch++) {
                    double v = gn[p * 64 + ch];
                    s += v;
                    sq += v * v;
                }
            }
            assertThat(s / 8).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(sq / 8).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        }
        // LayerNorm: each pixel's 64 channels have mean 0, variance ≈ 1.
        float[] ln = got.get("ln");
        for (int p = 0; p < 4; p++) {
            double s = 0, sq = 0;
            for (int ch = 0; ch < 64; ch++) {
                s += ln[p * 64 + ch];
                sq += ln[p * 64 + ch] * ln[p * 64 + ch];
            }
            assertThat(s / 64).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(sq / 64).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
