package org.tecoplatform.stage.traintokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/**
 * The tokenizer's training step on the eager back end (what the trainer runs) against SameDiff
 * (the reference lowering), in float64: the losses and every parameter's gradient.
 */
class EagerTrainingParityTest {

    @Test
    void lossesAndGradientsEqualSameDiffs() {
        ParamStore params = ExportParityTest.tinyParams();
        int n = ExportParityTest.BATCH;
        int s = ExportParityTest.TINY.imageSize();
        byte[] pixels = ExportParityTest.frames(3, n, s);
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] & 0xff;
        }
        Map<String, INDArray> feed = Map.of(VqModel.X, Nd4j.create(x, new long[] {n, s, s, 3}, DataType.DOUBLE));

        SameDiffOps sops = new SameDiffOps(params, DataType.DOUBLE);
        VqModel.trainingGraph(sops, ExportParityTest.TINY, n);
        SameDiff sd = sops.sameDiff();
        sd.setLossVariables(VqModel.LOSS);
        List<String> wrt = new ArrayList<>();
        for (String p : params.names()) {
            if (sd.hasVariable(p)) {
                wrt.add(p);
            }
        }
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed, List.of(VqModel.LOSS, VqModel.RECON_LOSS), wrt);

        double worst = 0;
        try (EagerOps eops = new EagerOps(params, new LinkedHashMap<>(), feed, DataType.DOUBLE)) {
            VqModel.trainingGraph(eops, ExportParityTest.TINY, n);
            for (String o : List.of(VqModel.LOSS, VqModel.RECON_LOSS)) {
                worst = Math.max(worst, rel(eops.output(o), og.getOutputs().get(o)));
            }
            eops.backward(VqModel.LOSS);
            Map<String, INDArray> grads = eops.gradients();
            assertThat(grads.keySet()).containsExactlyInAnyOrderElementsOf(wrt);
            for (String p : wrt) {
                worst = Math.max(worst, rel(grads.get(p), og.getGradients().get(p)));
            }
        }
        System.out.printf("tokenizer step, eager vs SameDiff (float64): worst relative difference %.3e%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-9);
    }

    private static double rel(INDArray a, INDArray b) {
        double[] x = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] y = b.castTo(DataType.DOUBLE).dup().data().asDouble();
        assertThat(x.length).isEqualTo(y.length);
        double scale = 1e-3;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]) / scale);
        }
        return worst;
    }
}
