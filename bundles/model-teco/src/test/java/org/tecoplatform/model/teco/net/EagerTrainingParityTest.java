package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/**
 * TECO's whole training step on the eager back end (what the trainer runs) against SameDiff (the
 * reference lowering): every loss part and the gradient of every parameter, on the same
 * parameters and batch.
 */
class EagerTrainingParityTest {

    private static final int B = 2;
    private static final List<String> OUTS = List.of(TecoModel.LOSS, TecoModel.RECON_LOSS, TecoModel.TRANS_LOSS,
            TecoModel.COMMITMENT_LOSS, TecoModel.CODEBOOK_LOSS, TecoModel.PERPLEXITY);

    private final TecoConfig cfg = Tiny.config();
    private final TecoModel model = Tiny.model(cfg);

    private Map<String, INDArray> feed(long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = Tiny.ints(rng, B * cfg.seqLen() * 64, Tiny.VQ_CODES);
        int[] actions = Tiny.ints(rng, B * cfg.seqLen(), cfg.actionDim());
        TrainingFeed f = model.feed(codes, actions, B, rng);
        return f.placeholders(type);
    }

    private double compare(DataType type, long seed) {
        ParamStore params = new ParamStore(seed);
        SameDiffOps sops = new SameDiffOps(params, type);
        model.training(sops, B);
        SameDiff sd = sops.sameDiff();
        sd.setLossVariables(TecoModel.LOSS);
        Map<String, INDArray> ph = feed(seed + 1, type);
        List<String> wrt = new ArrayList<>();
        for (String p : params.names()) {
            if (sd.hasVariable(p)) {
                wrt.add(p);
            }
        }
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, OUTS, wrt);

        double worst = 0;
        try (EagerOps eops = new EagerOps(params, new LinkedHashMap<>(), ph, type)) {
            model.training(eops, B);
            eops.backward(TecoModel.LOSS);
            for (String o : OUTS) {
                worst = Math.max(worst, rel(o, eops.output(o), og.getOutputs().get(o)));
            }
            Map<String, INDArray> grads = eops.gradients();
            assertThat(grads.keySet()).containsExactlyInAnyOrderElementsOf(wrt);
            for (String p : wrt) {
                worst = Math.max(worst, rel(p, grads.get(p), og.getGradients().get(p)));
            }
        }
        return worst;
    }

    private static double rel(String what, INDArray eager, INDArray ref) {
        double[] a = eager.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] b = ref.castTo(DataType.DOUBLE).dup().data().asDouble();
        assertThat(a.length).as(what).isEqualTo(b.length);
        double scale = 0;
        for (double v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(scale, 1e-3));
        }
        if (worst > 1e-6) {
            System.out.printf("  %s: relative difference %.3e%n", what, worst);
        }
        return worst;
    }

    @Test
    void float64LossesAndGradientsEqualSameDiffs() {
        double worst = compare(DataType.DOUBLE, 3);
        System.out.printf("eager vs SameDiff, float64: worst relative difference %.3e%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void float32LossesAndGradientsEqualSameDiffs() {
        double worst = compare(DataType.FLOAT, 4);
        System.out.printf("eager vs SameDiff, float32: worst relative difference %.3e%n", worst);
        // float32 sums in another order (bias gradients as products with ones): round-off, not math
        assertThat(worst).isLessThanOrEqualTo(1e-3);
    }

    /** Losses and gradients of one eager step of {@code m} (by name; losses under their output names). */
    private Map<String, double[]> eagerStep(TecoModel m, long seed, DataType type) {
        ParamStore params = new ParamStore(seed);
        Map<String, INDArray> ph = feed(seed + 1, type);
        Map<String, double[]> out = new LinkedHashMap<>();
        try (EagerOps eops = new EagerOps(params, new LinkedHashMap<>(), ph, type)) {
            m.training(eops, B);
            eops.backward(TecoModel.LOSS);
            for (String o : OUTS) {
                out.put(o, eops.output(o).castTo(DataType.DOUBLE).dup().data().asDouble());
            }
            eops.gradients().forEach((k, v) -> out.put(k, v.castTo(DataType.DOUBLE).dup().data().asDouble()));
        }
        return out;
    }

    /**
     * Gradient checkpointing: the posterior encoder run in chunks of 3 of the 2 × 8 frames, its
     * activations recomputed in the backward pass, gives the whole-graph step's losses and
     * gradients.
     */
    @Test
    void theEncoderRecomputedInChunksGivesTheWholeStepsLossesAndGradients() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            TecoModel whole = Tiny.model(cfg).encoderChunkFrames(1000);
            TecoModel chunked = Tiny.model(cfg).encoderChunkFrames(3);
            Map<String, double[]> a = eagerStep(whole, 9, type);
            Map<String, double[]> b = eagerStep(chunked, 9, type);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            double worst = 0;
            String at = "";
            for (String k : a.keySet()) {
                double scale = 1e-3;
                for (double v : a.get(k)) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < a.get(k).length; i++) {
                    double d = Math.abs(a.get(k)[i] - b.get(k)[i]) / scale;
                    if (d > worst) {
                        worst = d;
                        at = k;
                    }
                }
            }
            System.out.printf("encoder in chunks of 3 frames vs whole, %s: worst relative difference %.3e (%s)%n", type, worst, at);
            // float32: the worst is a conv bias right before a GroupNorm, whose gradient is zero up to
            // rounding, summed over chunks in another order; float64 shows the math is the same.
            assertThat(worst).as(type + " at " + at).isLessThanOrEqualTo(type == DataType.DOUBLE ? 1e-12 : 1e-4);
        }
    }
}
