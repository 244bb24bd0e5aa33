package org.tecoplatform.prior.maskgit;

import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * The MaskGit forward pass and loss in plain Java (double precision) for a transformer of zero
 * layers, read straight off the original: token_embed[x] ‖ cond → Dense_0 → + broadcast positions
 * → Dense_1 → gelu → LayerNorm → (MLM) Dense_0 → gelu → LayerNorm → · token_embed[:K]ᵀ + bias.
 */
final class ReferenceMaskGit {

    private final ParamStore p;
    private final PriorShape shape;
    private final String name;

    ReferenceMaskGit(ParamStore params, PriorShape shape, String name) {
        this.p = params;
        this.shape = shape;
        this.name = name;
    }

    /** Logits {@code [N·L·K]} for tokens {@code [N·L]} (K = MASK) and cond {@code [N·L·C]}. */
    double[] logits(int[] tokens, float[] cond) {
        int l = shape.length();
        int k = shape.codes();
        int c = shape.condDim();
        int[] tableShape = p.shape(name + ".token_embed");
        int v = tableShape[1];
        float[] table = p.get(name + ".token_embed");
        int d = p.shape(name + ".net.Dense_0.kernel")[1];
        int n = tokens.length / l;
        double[] out = new double[n * l * k];
        for (int i = 0; i < n * l; i++) {
            int pos = i % l;
            double[] x = new double[v + c];
            for (int j = 0; j < v; j++) {
                x[j] = table[tokens[i] * v + j];
            }
            for (int j = 0; j < c; j++) {
                x[v + j] = cond[i * c + j];
            }
            double[] h = dense(x, "net.Dense_0", d);
            // Broadcast positions: the row's d_0 chunk, then the column's d_1 chunk.
            int d0 = p.shape(name + ".net.BroadcastPositionBiases_0.d_0")[1];
            int y = pos / shape.width();
            int xCol = pos % shape.width();
            for (int j = 0; j < d; j++) {
                h[j] += j < d0 ? p.get(name + ".net.BroadcastPositionBiases_0.d_0")[y * d0 + j]
                        : p.get(name + ".net.BroadcastPositionBiases_0.d_1")[xCol * (d - d0) + j - d0];
            }
            h = layerNorm(gelu(dense(h, "net.Dense_1", d)), "net.LayerNorm_0");
            double[] m = layerNorm(gelu(dense(h, "mlm.Dense_0", v)), "mlm.LayerNorm_0");
            float[] bias = p.get(name + ".mlm.AddBias_0.bias");
            for (int code = 0; code < k; code++) {
                double s = bias[code];
                for (int j = 0; j < v; j++) {
                    s += m[j] * table[code * v + j];
                }
                out[i * k + code] = s;
            }
        }
        return out;
    }

    /** The original's trans_loss: Σ ce·mask / Σ mask · L, with masked positions fed as MASK. */
    double loss(int[] codes, float[] cond, float[] mask) {
        int k = shape.codes();
        int[] tokens = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            tokens[i] = mask[i] > 0.5f ? shape.maskToken() : codes[i];
        }
        double[] logits = logits(tokens, cond);
        double sum = 0;
        double count = 0;
        for (int i = 0; i < codes.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                z += Math.exp(logits[i * k + j] - max);
            }
            double ce = max + Math.log(z) - logits[i * k + codes[i]];
            sum += ce * mask[i];
            count += mask[i];
        }
        return sum / count * shape.length();
    }

    private double[] dense(double[] x, String layer, int features) {
        float[] w = p.get(name + "." + layer + ".kernel");
        float[] b = p.get(name + "." + layer + ".bias");
        double[] y = new double[features];
        for (int o = 0; o < features; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * w[i * features + o];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] gelu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            y[i] = 0.5 * a * (1 + Math.tanh((float) Math.sqrt(2 / Math.PI) * (a + 0.044715f * a * a * a)));
        }
        return y;
    }

    private double[] layerNorm(double[] x, String layer) {
        float[] scale = p.get(name + "." + layer + ".scale");
        float[] bias = p.get(name + "." + layer + ".bias");
        double mean = 0;
        double mean2 = 0;
        for (double a : x) {
            mean += a / x.length;
            mean2 += a * a / x.length;
        }
        double inv = 1 / Math.sqrt(Math.max(0, mean2 - mean * mean) + 1e-6f);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) * inv * scale[i] + bias[i];
        }
        return y;
    }
}
