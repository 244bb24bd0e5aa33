package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.Dense;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/** TECO's losses against values worked out by hand. */
class LossesTest {

    /** Two items of a 1×2 grid over K = 3 codes. */
    @Test
    void reconstructionLossIsLabelSmoothedCrossEntropySummedOverTheGridAveragedOverItems() {
        float[] logits = {1, 2, 3, 0, 0, 0, /* item 1 */ 0, 0, 0, 0, 0, 0};
        int[] targets = {2, 0, 1, 1};
        Map<String, float[]> out = Graphs.sameDiff(new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                T l = ops.input("logits", 2, 1, 2, 3);
                T t = ops.indexInput("targets", 2, 1, 2);
                ops.output("recon", ReconstructionLoss.apply(ops, l, t));
            }
        }, new ParamStore(0), List.of(Graphs.floats("logits", logits, 2, 1, 2, 3), Graphs.ints("targets", targets, 2, 1, 2)));

        // Labels 0.99·onehot + 0.01/3. Position (1,2,3)→2: logsumexp L = 3 + ln(1 + e^-1 + e^-2).
        double lse = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
        double hot = 0.99 + 0.01 / 3;
        double cold = 0.01 / 3;
        double p0 = -(hot * (3 - lse) + cold * (2 - lse) + cold * (1 - lse));
        double uniform = Math.log(3); // any target under equal logits (labels sum to 1)
        double expected = ((p0 + uniform) + (2 * uniform)) / 2;
        assertThat(expected).isCloseTo(1.856722, offset(1e-5));
        assertThat(out.get("recon")[0]).isCloseTo((float) expected, offset(1e-5f));
    }

    /** Identity projections, codes (1,0) and (0,1): three vectors quantised by hand. */
    @Test
    void codebookLossesPerplexityAndCodes() {
        TecoConfig cfg = Tiny.builder().embeddingDim(2).codebook(2, 2).build();
        ParamStore params = new ParamStore(0);
        params.put("codebook.codebook", new int[] {2, 2}, new float[] {1, 0, 0, 1});
        params.put("codebook.Dense_0.kernel", new int[] {2, 2}, new float[] {1, 0, 0, 1});
        params.put("codebook.Dense_1.kernel", new int[] {2, 2}, new float[] {1, 0, 0, 1});
        Map<String, float[]> out = Graphs.sameDiff(new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                Codebook.Quantized<T> q = Codebook.quantize(ops, cfg, ops.input("z", 3, 2));
                ops.output("embeddings", q.embeddings());
                ops.output("ids", q.ids());
                ops.indexOutput("indices", q.indices());
                ops.output("commitment", q.commitmentLoss());
                ops.output("codebook", q.codebookLoss());
                ops.output("perplexity", q.perplexity());
            }
        }, params, List.of(Graphs.floats("z", new float[] {3, 4, 2, 0, 1, -1}, 3, 2)));

        // Unit vectors (0.6, 0.8), (1, 0), (0.7071, -0.7071) → codes 1, 0, 0.
        assertThat(out.get("indices")).containsExactly(1f, 0f, 0f);
        assertThat(out.get("ids")).containsExactly(1f, 0f, 0f);
        assertThat(out.get("embeddings")).containsExactly(new float[] {0, 1, 1, 0, 1, 0}, offset(1e-6f));
        // Squared errors 0.36 + 0.04, 0, (1 − 0.7071)² + 0.7071²; mean over 6 elements, halved.
        double r = Math.sqrt(0.5);
        double sq = 0.40 + 0 + (1 - r) * (1 - r) + r * r;
        double codebook = 0.5 * sq / 6;
        assertThat(codebook).isCloseTo(0.082149, offset(1e-6));
        assertThat(out.get("codebook")[0]).isCloseTo((float) codebook, offset(1e-6f));
        assertThat(out.get("commitment")[0]).isCloseTo((float) (0.25 * codebook), offset(1e-6f));
        // Usage (2/3, 1/3): exp(entropy).
        double entropy = -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));
        assertThat(out.get("perplexity")[0]).isCloseTo((float) Math.exp(entropy), offset(1e-5f));
        assertThat(Math.exp(entropy)).isCloseTo(1.889882, offset(1e-6));
    }

    /**
     * Straight-through: the gradient reaching the encoder output through the quantiser equals
     * the gradient of the same network with the quantiser removed (the gradient w.r.t. the
     * quantised vector is passed to the encoder unchanged), while the forward value is quantised.
     */
    @Test
    void straightThroughPassesTheQuantisedVectorsGradientToTheEncoderOutput() {
        TecoConfig cfg = Tiny.config();
        int n = 5;
        int e = cfg.embeddingDim();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        INDArray z = Nd4j.create(Tiny.gaussian(rng, n * e), new long[] {n, e}, 'c').castTo(DataType.DOUBLE);
        INDArray weights = Nd4j.create(Tiny.gaussian(rng, n * e), new long[] {n, e}, 'c').castTo(DataType.DOUBLE);
        ParamStore params = new ParamStore(4);

        double[][] withVq = gradient(params, z, weights, (ops, x) -> Codebook.quantize(ops, cfg, x).embeddings());
        double[][] without = gradient(params, z, weights, (ops, x) -> Dense.apply(ops, "codebook.Dense_1",
                Codebook.normalize(ops, Dense.apply(ops, "codebook.Dense_0", x, cfg.projDim(), false)), e, false));

        assertThat(withVq[0]).as("quantised forward differs").isNotEqualTo(without[0]);
        assertThat(withVq[1]).containsExactly(without[1], offset(1e-12));
        assertThat(java.util.Arrays.stream(withVq[1]).map(Math::abs).sum()).isGreaterThan(0);
    }

    private interface Part {
        SameDiffOps.Var apply(SameDiffOps ops, SameDiffOps.Var z);
    }

    /** Forward values and d(Σ weights·out)/dz, in double precision. */
    private static double[][] gradient(ParamStore params, INDArray z, INDArray weights, Part part) {
        SameDiffOps ops = new SameDiffOps(params, DataType.DOUBLE, true);
        SameDiffOps.Var x = ops.input("z", (int) z.size(0), (int) z.size(1));
        SameDiffOps.Var out = part.apply(ops, x);
        SameDiff sd = ops.sameDiff();
        sd.getVariable("z").setArray(z);
        SDVariable loss = sd.sum("loss", out.sd().mul(sd.constant(weights)));
        sd.setLossVariables(loss.name());
        double[] forward = sd.output(Map.of(), out.sd().name()).get(out.sd().name()).data().asDouble();
        org.tecoplatform.nn.train.GradFunction.ensure(sd);
        double[] grad = sd.calculateGradients(Map.of(), "z").get("z").data().asDouble();
        return new double[][] {forward, grad};
    }
}
