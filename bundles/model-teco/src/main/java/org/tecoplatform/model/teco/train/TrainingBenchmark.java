package org.tecoplatform.model.teco.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.model.teco.net.ShapeOps;
import org.tecoplatform.nn.FlopCounter;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.ArrayPool;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.OpProfile;

/**
 * Times TECO's training step (forward, backward, AdamW) at a config's sizes on random codes and
 * actions: the train stage's inner loop without the data, for {@code teco bench train}.
 */
final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    static Map<String, double[]> run(TecoModel model, int batch, int warmup, int steps, long seed, int profile) {
        ParamStore params = new ParamStore(seed).handingOver();   // as the trainer: no heap copy of the parameters
        var c = model.config();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = new int[batch * c.seqLen() * c.latentHeight() * c.latentWidth()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(c.vqCodes());
        }
        int[] actions = new int[batch * c.seqLen()];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(c.actionDim() + 1) - 1;
        }
        AdamW opt = new AdamW(AdamW.Settings.teco(1e-5), LearningRateSchedule.constant(1e-4));
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ArrayPool pool = new ArrayPool();   // every step's arrays, reused by the next step
        double[] ms = new double[steps];
        double firstMs = 0;
        // The FLOPs of every product the network declares, counted on shapes alone (nothing runs;
        // the encoder's recomputed chunks count once, as the forward pass of the math).
        FlopCounter counter = new FlopCounter();
        model.training(counter.wrap(new ShapeOps()), batch);
        double flops = counter.flops();
        OpProfile ops = new OpProfile(profile > 1);
        for (int i = 0; i < warmup + steps; i++) {
            TrainingFeed feed = model.feed(codes, actions, batch, rng);
            Map<String, INDArray> ph = feed.placeholders(DataType.FLOAT);
            long t0 = System.nanoTime();
            try (EagerOps step = new EagerOps(params, arrays, ph, DataType.FLOAT, pool)) {
                if (profile > 0 && i >= warmup) {
                    step.listener(ops);   // timed steps only
                }
                model.training(step, batch);
                step.backward(TecoModel.LOSS);
                opt.step(arrays, step.gradients());
            }
            double t = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
                firstMs = t;
            }
            if (i >= warmup) {
                ms[i - warmup] = t;
            }
            ph.values().forEach(a -> {
                if (a.closeable()) {
                    a.close();
                }
            });
            System.gc();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("ms_per_step", ms);
        out.put("first_step_ms", new double[] {firstMs});
        out.put("array_peak_bytes", new double[] {pool.peakBytesInUse()});
        out.put("array_held_bytes", new double[] {pool.bytesHeld()});
        out.put("forward_flops", new double[] {flops});
        out.put("parameters", new double[] {TecoModel.parameterCount(c, model.prior())});
        out.put("batch", new double[] {batch});
        for (OpProfile.Row r : ops.rows()) {
            out.put("op:" + r.op(), new double[] {r.calls() / (double) steps, r.millis() / steps, r.outputBytes() / (double) steps});
        }
        return out;
    }
}
