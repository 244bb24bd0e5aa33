package org.tecoplatform.stage.traintokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.loader.Batch;
import org.tecoplatform.data.loader.DataLoader;
import org.tecoplatform.data.loader.LoaderOptions;
import org.tecoplatform.nn.ArrayPool;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.nn.train.EagerTraining;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.RunRng;
import org.tecoplatform.nn.train.RunStart;

/**
 * Trains a {@link VqModel} on random single frames of a dataset's train split: AdamW with linear
 * warm-up and cosine decay (the kit's), checkpoints every {@code save_interval} steps, resumes
 * from the newest checkpoint, stops at {@code steps} or at the time budget, and re-initialises
 * codes that no frame chose since the last check from current encodings (dead codes).
 */
final class VqTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(VqTrainer.class);
    static final String SECONDS_KEY = "trained_seconds: ";
    static final String MODEL_KEY = "model: ";
    /** Checkpoints kept on disk. */
    static final int KEEP = 2;
    /** Steps between explicit garbage collections (see the loop). */
    static final int GC_INTERVAL = 10;

    /** What a log interval reports: step, averaged loss and reconstruction PSNR, learning rate, codes in use. */
    record Report(long step, double loss, double psnr, double lr, int codesUsed, double seconds) {
        String text() {
            return String.format(Locale.ROOT, "step %d loss %.4f psnr %.2f dB lr %.2e codes %d", step, loss, psnr, lr, codesUsed);
        }
    }

    /** The outcome of {@link #train}. */
    record Result(ParamStore params, long step, long resumedFrom, double seconds, double thisRunSeconds, double finalLoss,
                  double finalPsnr, boolean stoppedByTime, List<Report> reports) {
    }

    private VqTrainer() {
    }

    /** Train-split PSNR of a reconstruction MSE on [-1, 1] pixels (peak-to-peak 2). */
    static double psnr(double mseOnUnitRange) {
        return mseOnUnitRange <= 0 ? 100 : 10 * Math.log10(4 / mseOnUnitRange);
    }

    static Result train(DatasetReader dataset, Settings config, TrainTokenizerOptions o, VqConfig model, Path checkpoints,
                        Consumer<Report> onReport, Runnable onStep) throws IOException {
        String modelKey = o.modelKey(model.imageSize());
        int episodes = dataset.episodes(config, Split.TRAIN).size();
        if (episodes < o.batchSize()) {
            // The loader draws one random frame per episode per epoch and keeps full batches only.
            throw new BadInputException("train_tokenizer.batch_size: " + o.batchSize() + " frames per step need at least as many train episodes, "
                    + "found " + episodes + "; lower batch_size to " + Math.max(1, episodes) + " or less");
        }
        RunRng rng = new RunRng(o.seed());
        RunStart start = RunStart.of(checkpoints, o.seed(), MODEL_KEY, modelKey, SECONDS_KEY, "tokenizer model",
                "delete " + checkpoints + " (or run train_tokenizer with --force) to start over");
        ParamStore params = start.params();
        long step = start.step();
        double priorSeconds = start.trainedSeconds();
        Checkpoints.Checkpoint resumed = start.checkpoint();
        if (start.resumed()) {
            LOG.info("train_tokenizer: resuming from {} (step {}, {} s trained)", resumed.dir(), step,
                    String.format(Locale.ROOT, "%.0f", priorSeconds));
        }
        long resumedFrom = step;
        double budget = o.maxMinutes() * 60;
        double[] elapsed = {priorSeconds};
        LearningRateSchedule base = LearningRateSchedule.warmupCosineToTotal(o.lr(), o.warmup(), o.steps());
        LearningRateSchedule schedule = LearningRateSchedule.underTimeBudget(base, o.warmup(), o.steps(), budget, () -> elapsed[0]);
        AdamW optimizer = new AdamW(AdamW.Settings.teco(0), schedule);
        if (resumed != null) {
            resumed.restoreInto(optimizer, rng);
        }
        // The live parameters (updated in place by AdamW; the first step fills them from the store)
        // and the pool every step's arrays come from and go back to.
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ArrayPool pool = new ArrayPool();
        int s = model.imageSize();
        long[] frameShape = {o.batchSize(), s, s, 3};
        long[] usage = new long[model.codes()];
        boolean[] usedSinceLog = new boolean[model.codes()];
        List<Report> reports = new ArrayList<>();
        double lossSum = 0;
        double reconSum = 0;
        int logged = 0;
        double lastLoss = Double.NaN;
        double lastPsnr = Double.NaN;
        boolean byTime = false;
        long runStart = System.nanoTime();
        // A different stream per resume point, so a resumed run does not replay the same frames.
        LoaderOptions loading = LoaderOptions.training(o.batchSize(), 1, o.seed() * 1_000_003L + step).withWorkers(1);
        try (DataLoader loader = DataLoader.open(dataset, config, Split.TRAIN, loading)) {
            while (step < o.steps()) {
                if (budget > 0 && elapsed[0] >= budget) {
                    byTime = true;
                    break;
                }
                Batch batch = loader.next();
                if (batch.height() != s || batch.width() != s || batch.channels() != 3) {
                    throw new BadInputException("train_tokenizer: the dataset gave " + batch.height() + "x" + batch.width() + "x"
                            + batch.channels() + " frames, the tokenizer is built for " + s + "x" + s + "x3");
                }
                INDArray x = Nd4j.create(batch.pixels(), frameShape, 'c');
                loader.recycle(batch);
                double loss;
                double recon;
                INDArray latents;
                try (EagerOps ops = new EagerOps(params, arrays, Map.of(VqModel.X, x), DataType.FLOAT, pool)) {
                    VqModel.trainingGraph(ops, model, o.batchSize());
                    loss = ops.output(VqModel.LOSS).getDouble(0);
                    if (!Double.isFinite(loss)) {
                        // Refused before the update, as TECO's trainer does: the parameters stay the last good ones.
                        throw new IllegalStateException("train_tokenizer: the loss became " + loss + " at step " + (step + 1)
                                + "; lower train_tokenizer.lr (now " + o.lr() + ")");
                    }
                    recon = ops.output(VqModel.RECON_LOSS).getDouble(0);
                    // dup: an exact-size copy (a pool array may sit on a slightly larger buffer)
                    for (long c : ops.output(VqModel.CODES).dup().data().asLong()) {
                        usage[(int) c]++;
                        usedSinceLog[(int) c] = true;
                    }
                    latents = ops.output(VqModel.LATENTS).dup();
                    ops.backward(VqModel.LOSS);
                    optimizer.step(arrays, ops.gradients());
                }
                step++;
                elapsed[0] = priorSeconds + (System.nanoTime() - runStart) / 1e9;
                lossSum += loss;
                reconSum += recon;
                logged++;
                if (o.deadCodeInterval() > 0 && step % o.deadCodeInterval() == 0) {
                    int revived = reviveDeadCodes(arrays.get(VqModel.CODEBOOK), usage, latents, model, rng);
                    if (revived > 0) {
                        LOG.debug("train_tokenizer: step {}: re-initialised {} unused codes", step, revived);
                    }
                    java.util.Arrays.fill(usage, 0);
                }
                x.close();
                closeQuietly(latents);
                if (step % GC_INTERVAL == 0) {
                    // ND4J's small temporaries are off-heap buffers freed only when the garbage collector
                    // finalises their Java handles (the step's own arrays are reused from the pool).
                    System.gc();
                }
                if (step % o.logInterval() == 0 || step == o.steps()) {
                    lastLoss = lossSum / logged;
                    lastPsnr = psnr(reconSum / logged);
                    int used = 0;
                    for (boolean u : usedSinceLog) {
                        used += u ? 1 : 0;
                    }
                    Report r = new Report(step, lastLoss, lastPsnr, optimizer.lastLearningRate(), used, elapsed[0]);
                    reports.add(r);
                    onReport.accept(r);
                    lossSum = 0;
                    reconSum = 0;
                    logged = 0;
                    java.util.Arrays.fill(usedSinceLog, false);
                }
                if (step % o.saveInterval() == 0) {
                    save(checkpoints, step, arrays, params, optimizer, rng, modelKey, elapsed[0]);
                }
                onStep.run();
            }
        }
        if (logged > 0) {
            lastLoss = lossSum / logged;
            lastPsnr = psnr(reconSum / logged);
        }
        if (step > resumedFrom) {
            save(checkpoints, step, arrays, params, optimizer, rng, modelKey, elapsed[0]);
        }
        EagerTraining.copyParams(arrays, params);
        return new Result(params, step, resumedFrom, elapsed[0], (System.nanoTime() - runStart) / 1e9, lastLoss, lastPsnr, byTime, reports);
    }

    private static void closeQuietly(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    private static void save(Path root, long step, Map<String, INDArray> arrays, ParamStore params, AdamW optimizer, RunRng rng,
                             String modelKey, double seconds) throws IOException {
        EagerTraining.copyParams(arrays, params);
        String text = MODEL_KEY + modelKey + "\n" + SECONDS_KEY + String.format(Locale.ROOT, "%.3f", seconds) + "\n";
        Checkpoints.save(root, step, params, optimizer, rng, text);
        Checkpoints.prune(root, KEEP);
    }

    /**
     * Codes no frame chose over the last interval get the (normalised) encoding of a random
     * position of the current batch plus a little noise, so every code stays within reach.
     */
    static int reviveDeadCodes(INDArray codebook, long[] usage, INDArray latents, VqConfig model, RunRng rng) {
        int d = model.embedDim();
        float[] z = latents.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int positions = z.length / d;
        int revived = 0;
        for (int k = 0; k < usage.length; k++) {
            if (usage[k] != 0) {
                continue;
            }
            int p = rng.nextInt(positions);
            for (int i = 0; i < d; i++) {
                codebook.putScalar(new long[] {k, i}, z[p * d + i] + 0.01 * rng.nextGaussian());
            }
            revived++;
        }
        return revived;
    }

    static boolean hasCheckpoint(Path checkpoints) throws IOException {
        return Files.isDirectory(checkpoints) && Checkpoints.latest(checkpoints).isPresent();
    }
}
