package org.tecoplatform.stage.traintokenizer;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;

/**
 * The {@code train_tokenizer} stage: trains a small VQ autoencoder ({@link VqModel}) on random
 * frames of the configured dataset's train split on the eager ND4J back end (DL4J) and exports it to
 * {@code <run>/train_tokenizer/tokenizer/} as a {@code vqgan-onnx} tokenizer directory, which the
 * {@code tokenize} stage uses when the config names no {@code vqvae_ckpt}. Writes
 * {@code train_tokenizer.json}: steps, seconds, final train loss and PSNR, held-out (test split)
 * PSNR of the exported tokenizer.
 *
 * <p>Resumable: checkpoints under {@code checkpoints/} every {@code save_interval} steps; a re-run
 * continues from the newest (the time budget counts the earlier runs' training time too). A run
 * that finds training already complete only re-exports and re-measures.
 */
@Component(service = Stage.class, property = "teco.name=" + TrainTokenizerStage.NAME)
public final class TrainTokenizerStage implements Stage {

    static final String NAME = "train_tokenizer";
    static final String TOKENIZER_FOLDER = "tokenizer";
    static final String CHECKPOINTS = "checkpoints";
    static final String SUMMARY = "train_tokenizer.json";
    /** Frames per ONNX Runtime call when measuring held-out PSNR. */
    static final int EVAL_BATCH = 32;
    /** Seed of the held-out frame sample: the same frames whatever the training seed. */
    static final long EVAL_SEED = 12345;

    private static final Logger LOG = LoggerFactory.getLogger(TrainTokenizerStage.class);

    @Override
    public String description() {
        return "train a small VQ tokenizer on the dataset with DL4J and export it as a vqgan-onnx tokenizer directory (resumable)";
    }

    @Override
    public List<OptionSpec> options() {
        return TrainTokenizerOptions.SPECS;
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.DATASET);
    }

    @Override
    public void run(StageContext context) throws Exception {
        long started = System.nanoTime();
        Settings config = context.config();
        TrainTokenizerOptions options = TrainTokenizerOptions.from(config);
        DatasetReader dataset = context.dataset();
        DatasetInfo data = dataset.describe(config);
        String datasetName = config.getString("pipeline.dataset", data.name());
        if (data.height() != data.width() || data.channels() != 3) {
            throw new BadInputException("train_tokenizer: dataset '" + datasetName + "' has " + data.height() + "x" + data.width() + "x"
                    + data.channels() + " frames; the tokenizer needs square RGB frames (set the dataset's image size)");
        }
        VqConfig model = options.model(data.height());
        Path out = context.stageDir();
        LOG.info("train_tokenizer: {} ({}x{}) -> {} codes of {}x{}, {} steps or {} min", datasetName, data.height(), data.width(),
                model.codes(), model.latent(), model.latent(), options.steps(), options.maxMinutes());
        VqTrainer.Result result;
        try (Progress progress = context.progress(NAME + " " + datasetName, options.steps(), "steps")) {
            result = VqTrainer.train(dataset, config, options, model, out.resolve(CHECKPOINTS),
                    r -> {
                        if (options.maxMinutes() > 0) {
                            progress.timeLeft(options.maxMinutes() * 60 - r.seconds());
                        }
                        progress.status(r.text());
                        LOG.debug("train_tokenizer: {}", r.text());
                    },
                    () -> progress.advance(1));
        }
        Path tokenizer = out.resolve(TOKENIZER_FOLDER);
        TokenizerExport.write(tokenizer, model, result.params(), result.step());
        double heldOut = HeldOutPsnr.measure(tokenizer, dataset, config, options.evalFrames(), Math.min(EVAL_BATCH, options.evalFrames()),
                EVAL_SEED);
        Summary summary = new Summary(datasetName, result.step(), result.resumedFrom(), result.seconds(), result.finalLoss(),
                result.finalPsnr(), heldOut, options.evalFrames(), result.stoppedByTime(), model, (System.nanoTime() - started) / 1e9);
        summary.write(out.resolve(SUMMARY));
        LOG.info("train_tokenizer {}: {}", datasetName, summary.oneLine());
    }

    /** {@code train_tokenizer.json}. */
    record Summary(String dataset, long steps, long resumedFrom, double trainSeconds, double finalLoss, double finalTrainPsnr,
                   double heldOutPsnr, int heldOutFrames, boolean stoppedByTime, VqConfig model, double stageSeconds) {

        String oneLine() {
            return String.format(Locale.ROOT, "%d steps in %.1f s%s, final train loss %.4f (%.2f dB), held-out PSNR %.2f dB on %d test frames",
                    steps, trainSeconds, stoppedByTime ? " (time budget)" : "", finalLoss, finalTrainPsnr, heldOutPsnr, heldOutFrames);
        }

        void write(Path file) throws IOException {
            String json = String.format(Locale.ROOT, """
                    {
                      "dataset": %s,
                      "steps": %d,
                      "resumed_from_step": %d,
                      "seconds": %.3f,
                      "stopped_by_time_budget": %b,
                      "final_train_loss": %s,
                      "final_train_psnr": %s,
                      "held_out_psnr": %s,
                      "held_out_frames": %d,
                      "tokenizer": %s,
                      "model": {"image_size": %d, "channels": %d, "groups": %d, "embed_dim": %d, "n_codes": %d, "beta": %s},
                      "stage_seconds": %.3f
                    }
                    """, quote(dataset), steps, resumedFrom, trainSeconds, stoppedByTime, number(finalLoss), number(finalTrainPsnr),
                    number(heldOutPsnr), heldOutFrames, quote(TOKENIZER_FOLDER), model.imageSize(), model.channels(), model.groups(),
                    model.embedDim(), model.codes(), model.beta(), stageSeconds);
            AtomicFiles.writeString(file, json);
        }

        /** JSON has no NaN: a run that trained no step in this invocation has no loss to report. */
        private static String number(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
        }

        private static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }
    }
}
