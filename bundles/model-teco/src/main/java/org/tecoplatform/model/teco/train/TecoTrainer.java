package org.tecoplatform.model.teco.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.ArrayPool;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.nn.train.EagerTraining;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.RunRng;
import org.tecoplatform.nn.train.RunStart;

/**
 * TECO's training loop: gradients of the model's loss on the eager back end ({@link EagerOps}), AdamW with the original's
 * warm-up + cosine schedule, a log row every {@code log_interval} steps, a checkpoint every
 * {@code save_interval} steps and at the end, resume from the newest complete checkpoint, and a
 * stop (without saving) when the loss stops being finite.
 */
final class TecoTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(TecoTrainer.class);
    static final String CHECKPOINTS = "checkpoints";
    static final String MODEL_LINE = "# teco-model: ";
    static final String SECONDS_LINE = "# trained-seconds: ";
    /** Steps between explicit garbage collections: ND4J's small temporaries (masks) are freed only by finalisation. */
    private static final int GC_INTERVAL = 10;

    /** One log interval. */
    record Report(long step, LossParts mean, double lr, double seconds, double stepsPerSecond) {
        String text() {
            return String.format(Locale.ROOT, "step %d %s lr %.2e", step, mean.text(), lr);
        }
    }

    record Result(ParamStore params, long step, long resumedFrom, double seconds, LossParts last, boolean stoppedByTime,
                  Path checkpoint, List<Report> reports) {
    }

    /** What the trainer tells its caller. */
    interface Listener {
        void report(Report report);

        void step(long step);

        /** A checkpoint was written (export the inference graphs beside it). */
        default void checkpoint(Path dir, ParamStore params) throws IOException {
        }
    }

    private TecoTrainer() {
    }

    /** The identity of a model's shapes: a checkpoint of another model cannot be resumed. */
    static String modelKey(TecoModel model) {
        return model.config() + " prior=" + model.prior().getClass().getName() + " " + model.prior().shape();
    }

    static Result train(TecoModel model, TokenWindows windows, TrainOptions o, Path stageDir, String configText, Listener listener)
            throws IOException {
        Path checkpoints = stageDir.resolve(CHECKPOINTS);
        String modelKey = modelKey(model);
        RunRng rng = new RunRng(o.seed());
        RunStart start = RunStart.of(checkpoints, o.seed(), MODEL_LINE, modelKey, SECONDS_LINE, "model",
                "use another run folder, or --force to start over");
        if (start.resumed()) {
            // A checkpoint from before the neutral prior prefix: MaskGit's z_git.* parameters under their new names.
            Checkpoints.Checkpoint c = org.tecoplatform.model.teco.LegacyPriorNames.upgrade(start.checkpoint());
            start = new RunStart(c.params(), start.step(), start.trainedSeconds(), c);
        }
        // The live arrays hold the parameters between checkpoints; the store gets them back to save.
        ParamStore params = start.params().handingOver();
        long step = start.step();
        double priorSeconds = start.trainedSeconds();
        Checkpoints.Checkpoint resumed = start.checkpoint();
        if (start.resumed()) {
            LOG.info("train: resuming from {} (step {})", resumed.dir(), step);
        }
        long resumedFrom = step;
        Path lastCheckpoint = start.resumed() ? resumed.dir() : null;

        double budget = o.maxMinutes() * 60;
        double[] elapsed = {priorSeconds};
        LearningRateSchedule base = "constant".equals(o.schedule())
                ? LearningRateSchedule.warmupConstant(o.lr(), o.warmupSteps())
                : LearningRateSchedule.tecoCosine(o.lr(), o.warmupSteps(), o.totalSteps());
        LearningRateSchedule schedule = LearningRateSchedule.underTimeBudget(base, o.warmupSteps(), o.totalSteps(), budget,
                () -> elapsed[0]);
        AdamW optimizer = new AdamW(AdamW.Settings.teco(o.weightDecay()), schedule);
        if (resumed != null) {
            resumed.restoreInto(optimizer, rng);
        }
        // The live parameters (float32, updated in place by AdamW); the first step fills it from the store.
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ArrayPool pool = new ArrayPool();   // every step's arrays, reused by the next step

        MetricsLog metrics = MetricsLog.open(stageDir, step);
        List<Report> reports = new ArrayList<>();
        LossParts sum = LossParts.ZERO;
        LossParts last = null;
        long inInterval = 0;
        boolean byTime = false;
        long runStart = System.nanoTime();
        long intervalStart = runStart;
        while (step < o.totalSteps()) {
            if (budget > 0 && elapsed[0] >= budget) {
                byTime = true;
                break;
            }
            TokenWindows.Window w = windows.batch(o.seed(), step, o.batchSize());
            TrainingFeed feed = model.feed(w.codes(), w.actions(), o.batchSize(), StepRandom.of(o.seed(), step, StepRandom.FEED));
            Map<String, INDArray> ph = feed.placeholders(DataType.FLOAT);
            LossParts parts;
            try (EagerOps ops = new EagerOps(params, arrays, ph, DataType.FLOAT, pool)) {
                model.training(ops, o.batchSize());
                parts = new LossParts(scalar(ops, TecoModel.LOSS), scalar(ops, TecoModel.RECON_LOSS),
                        scalar(ops, TecoModel.TRANS_LOSS), scalar(ops, TecoModel.COMMITMENT_LOSS),
                        scalar(ops, TecoModel.CODEBOOK_LOSS), scalar(ops, TecoModel.PERPLEXITY));
                if (!parts.finite()) {
                    // Nothing of this step is applied or saved: the newest checkpoint stays the last good state.
                    throw new TrainingDivergedException(step + 1, parts, lastCheckpoint);
                }
                ops.backward(TecoModel.LOSS);
                optimizer.step(arrays, ops.gradients());
            } finally {
                release(ph);
            }
            step++;
            elapsed[0] = priorSeconds + (System.nanoTime() - runStart) / 1e9;
            sum = sum.plus(parts);
            last = parts;
            inInterval++;
            if (step % GC_INTERVAL == 0) {
                System.gc();
            }
            if (step % o.logInterval() == 0 || step == o.totalSteps()) {
                long now = System.nanoTime();
                Report r = new Report(step, sum.over(inInterval), optimizer.lastLearningRate(), elapsed[0],
                        inInterval / Math.max(1e-9, (now - intervalStart) / 1e9));
                metrics.append(r.mean(), step, r.lr(), r.seconds());
                reports.add(r);
                listener.report(r);
                sum = LossParts.ZERO;
                inInterval = 0;
                intervalStart = now;
            }
            if (step % o.saveInterval() == 0 && step < o.totalSteps()) {
                lastCheckpoint = save(checkpoints, step, arrays, params, optimizer, rng, configText, modelKey, elapsed[0], o, listener);
            }
            listener.step(step);
        }
        if (inInterval > 0) {
            Report r = new Report(step, sum.over(inInterval), optimizer.lastLearningRate(), elapsed[0], Double.NaN);
            metrics.append(r.mean(), step, r.lr(), r.seconds());
            reports.add(r);
            listener.report(r);
        }
        if (step > resumedFrom || lastCheckpoint == null) {
            lastCheckpoint = save(checkpoints, step, arrays, params, optimizer, rng, configText, modelKey, elapsed[0], o, listener);
        }
        EagerTraining.copyParams(arrays, params);   // the caller gets every parameter's final value
        return new Result(params, step, resumedFrom, elapsed[0], last, byTime, lastCheckpoint, reports);
    }

    private static double scalar(EagerOps ops, String name) {
        return ops.output(name).getDouble(0);
    }

    private static Path save(Path root, long step, Map<String, INDArray> arrays, ParamStore params, AdamW optimizer, RunRng rng,
                             String configText, String modelKey, double seconds, TrainOptions o, Listener listener) throws IOException {
        EagerTraining.copyParams(arrays, params);
        String text = MODEL_LINE + modelKey + "\n" + SECONDS_LINE + String.format(Locale.ROOT, "%.3f", seconds) + "\n" + configText;
        Path dir = Checkpoints.save(root, step, params, optimizer, rng, text);
        listener.checkpoint(dir, params);
        params.handedOverAll();
        Checkpoints.prune(root, o.keepCheckpoints());
        LOG.info("train: checkpoint {}", dir);
        return dir;
    }

    /** Frees the step's inputs now: left to the garbage collector, off-heap memory outgrows the machine. */
    private static void release(Map<String, INDArray> ph) {
        for (INDArray a : ph.values()) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
