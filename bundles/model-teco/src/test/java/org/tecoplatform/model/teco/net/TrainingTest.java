package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.GradFunction;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.SameDiffTraining;

/** The training graph learns: every parameter gets a gradient, and a tiny TECO overfits one batch. */
class TrainingTest {

    private static final int B = 2;

    private final TecoConfig cfg = Tiny.config();
    private final TecoModel model = Tiny.model(cfg);

    private SameDiffOps graph(ParamStore params) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        model.training(ops, B);
        ops.sameDiff().setLossVariables(TecoModel.LOSS);
        return ops;
    }

    private TrainingFeed batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = Tiny.ints(rng, B * cfg.seqLen() * 64, Tiny.VQ_CODES);
        int[] actions = Tiny.ints(rng, B * cfg.seqLen(), cfg.actionDim());
        return model.feed(codes, actions, B, rng);
    }

    @Test
    void everyParameterReceivesANonZeroGradient() {
        ParamStore params = new ParamStore(3);
        SameDiffOps ops = graph(params);
        SameDiff sd = ops.sameDiff();
        Map<String, INDArray> ph = batch(1).placeholders(DataType.FLOAT);
        Map<String, INDArray> out = sd.output(ph, TecoModel.LOSS, TecoModel.RECON_LOSS, TecoModel.TRANS_LOSS,
                TecoModel.COMMITMENT_LOSS, TecoModel.CODEBOOK_LOSS, TecoModel.PERPLEXITY);
        out.forEach((k, v) -> {
            assertThat(v.length()).as(k + " is a scalar").isEqualTo(1);
            assertThat(Double.isFinite(v.getDouble(0))).as(k).isTrue();
        });
        double sum = out.get(TecoModel.RECON_LOSS).getDouble(0) + out.get(TecoModel.TRANS_LOSS).getDouble(0)
                + out.get(TecoModel.COMMITMENT_LOSS).getDouble(0) + out.get(TecoModel.CODEBOOK_LOSS).getDouble(0);
        assertThat(out.get(TecoModel.LOSS).getDouble(0)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-3 * sum));

        GradFunction.ensure(sd);
        List<String> names = new ArrayList<>(SameDiffTraining.parameterArrays(sd, params).keySet());
        assertThat(names).containsAll(params.names());
        Map<String, INDArray> grads = sd.calculateGradients(ph, names);
        List<String> zero = new ArrayList<>();
        for (String n : names) {
            INDArray g = grads.get(n);
            if (g == null || g.norm2Number().doubleValue() == 0 || !Double.isFinite(g.norm2Number().doubleValue())) {
                zero.add(n);
            }
        }
        assertThat(zero).as("parameters without a (finite) gradient").isEmpty();
        System.out.println(names.size() + " parameters, all with non-zero gradients");
    }

    @Test
    void aTinyModelOverfitsOneBatch() {
        ParamStore params = new ParamStore(5);
        SameDiffOps ops = graph(params);
        SameDiff sd = ops.sameDiff();
        Map<String, INDArray> ph = batch(2).placeholders(DataType.FLOAT);
        AdamW adamw = new AdamW(AdamW.Settings.teco(1e-5), LearningRateSchedule.constant(3e-3));
        double first = recon(sd, ph);
        double last = first;
        long start = System.nanoTime();
        for (int step = 0; step < 120; step++) {
            SameDiffTraining.step(sd, params, adamw, ph, null);
            if (step % 10 == 9) {
                last = recon(sd, ph);
                System.out.printf("step %d recon %.3f (%.1f s)%n", step + 1, last, (System.nanoTime() - start) / 1e9);
                if (last < 0.1 * first) {
                    break;
                }
            }
        }
        System.out.printf("recon loss %.3f -> %.3f (%.1f%% lower)%n", first, last, 100 * (1 - last / first));
        assertThat(last).isLessThan(0.1 * first);
    }

    private static double recon(SameDiff sd, Map<String, INDArray> ph) {
        return sd.output(ph, TecoModel.RECON_LOSS).get(TecoModel.RECON_LOSS).getDouble(0);
    }
}
