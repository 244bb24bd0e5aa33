package org.tecoplatform.prior.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.PriorChecks;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.LearningRateSchedule;

/** The network on every back end: parity, causality, gradients, and that it can learn. */
class AutoregressiveNetworkTest {

    private static final PriorShape S = TinyAr.SHAPE;

    @Test
    void logitsAgreeOnSameDiffAndOnnxRuntime() throws Exception {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 1);
        assertThat(PriorChecks.logitsParity(net, params, 3, 2)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void changingTokenJLeavesPositionsUpToJUnchanged() {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 3);
        int items = 2;
        int[] tokens = PriorChecks.randomTokens(S, items, 4);
        float[] cond = PriorChecks.randomCond(S, items, 5);
        for (int j = 0; j < S.length(); j++) {
            int[] changed = tokens.clone();
            for (int i = 0; i < items; i++) {
                changed[i * S.length() + j] = (tokens[i * S.length() + j] + 1) % S.codes();
            }
            double[] change = PriorChecks.logitChangeByPosition(net, params, items, tokens, cond, changed, cond);
            for (int p = 0; p < S.length(); p++) {
                if (p <= j) {
                    assertThat(change[p]).as("token %d changed, position %d", j, p).isZero();
                } else if (p == j + 1) {
                    assertThat(change[p]).as("token %d changed, position %d reads it", j, p).isGreaterThan(1e-6);
                }
            }
        }
        // deter_t reaches every position (each position sees its own and the earlier ones).
        float[] other = PriorChecks.randomCond(S, items, 6);
        double[] change = PriorChecks.logitChangeByPosition(net, params, items, tokens, cond, tokens, other);
        for (int p = 0; p < S.length(); p++) {
            assertThat(change[p]).as("deter changed, position %d", p).isGreaterThan(1e-6);
        }
    }

    @Test
    void float64GradientsMatchCentralDifferences() {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 7);
        assertThat(PriorChecks.lossGradientCheck(net, params, 2, 4, 8)).isLessThan(1e-6);
    }

    @Test
    void eagerTrainingBackEndMatchesSameDiff() {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 9);
        assertThat(PriorChecks.lossEagerVsSameDiff(net, params, 3, 10)).isLessThan(1e-9);
    }

    /** Teacher forcing on the eager back end (what TECO trains on) drives one batch's loss to nearly 0. */
    @Test
    void overfitsOneBatch() {
        AutoregressiveNetwork net = TinyAr.network("embed_dim", 16, "mlp_dim", 32);
        int items = 4;
        int[] codes = PriorChecks.randomTokens(S, items, 11);
        for (int i = 0; i < codes.length; i++) {
            codes[i] %= S.codes();
        }
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put("codes", Nd4j.createFromArray(codes).reshape(items, S.height(), S.width()));
        feed.put(PriorNetwork.DETER, Nd4j.create(PriorChecks.randomCond(S, items, 12), new long[] {items, S.height(), S.width(), S.condDim()}, 'c'));
        ParamStore params = new ParamStore(13);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        AdamW optimizer = new AdamW(AdamW.Settings.teco(0), LearningRateSchedule.warmupConstant(1e-2, 1));
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 150; step++) {
            try (EagerOps ops = new EagerOps(params, arrays, feed, DataType.FLOAT)) {
                var c = ops.indexInput("codes", items, S.height(), S.width());
                var cond = ops.input(PriorNetwork.DETER, items, S.height(), S.width(), S.condDim());
                ops.output("loss", net.trainingLoss(ops, PriorNetwork.PARAMETER_PREFIX, c, cond, Map.of()));
                last = ops.output("loss").getDouble(0);
                if (step == 0) {
                    first = last;
                }
                ops.backward("loss");
                optimizer.step(arrays, ops.gradients());
            }
        }
        // Six positions of ln(5) ≈ 1.61 nats each at the start.
        assertThat(first).isBetween(6 * 1.2, 6 * 2.0);
        assertThat(last).as("loss after 150 steps (first %.3f)", first).isLessThan(0.05);
    }
}
