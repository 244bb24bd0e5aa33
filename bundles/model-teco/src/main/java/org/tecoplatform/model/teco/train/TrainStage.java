package org.tecoplatform.model.teco.train;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.ModelDescription;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageBenchmark;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.data.tokens.TokenCache;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenizerId;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.BenchmarkOptions;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorFactory;
import org.tecoplatform.nn.prior.PriorNetwork;

/**
 * The {@code train} stage: TECO on the token cache of {@code <run>/tokenize} with DL4J SameDiff.
 * Everything that can be wrong with the inputs (the model's shapes, the cache's tokenizer,
 * episodes shorter than seq_len) is checked before the first step. Writes
 * {@code <run>/train/metrics.csv}, {@code checkpoints/step_<n>/} (parameters, optimiser state,
 * the resolved config, and {@code onnx/} with the inference graphs) and {@code train.json}.
 */
@Component(service = Stage.class, property = "teco.name=" + TrainStage.NAME)
public final class TrainStage implements Stage, ModelDescription, StageBenchmark {

    static final String NAME = "train";
    static final String TOKENIZE_STAGE = "tokenize";
    static final String TRAIN_TOKENIZER_STAGE = "train_tokenizer";
    static final String TOKENIZER_KEY = "vqvae_ckpt";
    static final String SUMMARY = "train.json";

    private static final Logger LOG = LoggerFactory.getLogger(TrainStage.class);

    @Override
    public String description() {
        return "train TECO on the token cache with DL4J (checkpoints, ONNX export, exact resume)";
    }

    @Override
    public List<OptionSpec> options() {
        return TrainOptions.SPECS;
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.TOKENIZER, PluginKind.PRIOR);
    }

    @Override
    public Set<String> needs(Settings config) {
        return Set.of(TOKENIZE_STAGE);
    }

    /** Training longer (a larger total_steps or time budget) resumes from the last checkpoint instead of needing --force. */
    @Override
    public Set<String> continuedBy() {
        return Set.of("total_steps", "train.max_minutes");
    }

    /** The training keys and the model's shapes, before any stage runs (the VQ-GAN's grid is checked once known). */
    @Override
    public void check(Settings config) {
        TrainOptions.from(config);
        TecoConfig.check(config);
    }

    @Override
    public LinkedHashMap<String, Long> parameterCounts(Settings config, TokenizerInfo tokenizer, Prior prior) {
        TecoConfig cfg = TecoConfig.from(config, tokenizer);
        PriorNetwork network = priorFactory(prior).create(cfg.priorShape(), config);
        return new LinkedHashMap<>(TecoModel.parameterBreakdown(cfg, network));
    }

    /**
     * Options: {@code batch} (default batch_size), {@code warmup} (2), {@code steps} (5), {@code seed} (0),
     * {@code profile} (0; 1 adds {@code op:<type>} rows: calls, ms and output bytes per timed step; 2 one row per
     * op type and input shapes).
     */
    @Override
    public Map<String, double[]> benchmark(Settings config, TokenizerInfo tokenizer, Prior prior, Map<String, String> options) {
        Map<String, String> o = BenchmarkOptions.check(options, "batch", "warmup", "steps", "seed", "profile");
        TecoConfig cfg = TecoConfig.from(config, tokenizer);
        PriorNetwork network = priorFactory(prior).create(cfg.priorShape(), config);
        long seed = BenchmarkOptions.number(o, "seed", 0);
        TecoModel model = new TecoModel(cfg, network, BenchmarkOptions.gaussian(tokenizer.codes() * tokenizer.embeddingDim(), seed));
        return TrainingBenchmark.run(model, (int) BenchmarkOptions.number(o, "batch", config.getInt("batch_size")),
                (int) BenchmarkOptions.number(o, "warmup", 2), (int) BenchmarkOptions.number(o, "steps", 5), seed,
                (int) BenchmarkOptions.number(o, "profile", 0));
    }

    @Override
    public void run(StageContext context) throws Exception {
        long started = System.nanoTime();
        Settings config = context.config();
        TrainOptions options = TrainOptions.from(config);
        Path tokenizerDir = tokenizerDirectory(config, context.stageDir(TRAIN_TOKENIZER_STAGE).resolve("tokenizer"));
        TecoModel model;
        String tokenizerId = TokenizerId.of(tokenizerDir);
        TokenizerInfo info;
        try (TokenizerModel tokenizer = context.tokenizer().open(tokenizerDir, config)) {
            info = tokenizer.info();
            TecoConfig cfg = TecoConfig.from(config, info);
            PriorNetwork prior = context.plugin(PriorFactory.class, config.getString("pipeline.prior")).create(cfg.priorShape(), config);
            model = new TecoModel(cfg, prior, tokenizer.codebook());
        }
        Path cacheDir = context.stageDir(TOKENIZE_STAGE);
        if (!TokenCache.isComplete(cacheDir, Split.TRAIN)) {
            throw new BadInputException("train: no complete token cache of the train split in " + cacheDir + "; run the tokenize stage first");
        }
        String configText = resolvedConfig(context.runDir());
        Path out = context.stageDir();
        try (TokenCache cache = TokenCache.open(cacheDir, Split.TRAIN, TokenCacheInfo.of(info, tokenizerId))) {
            TokenWindows windows = new TokenWindows(cache, model.config().seqLen());
            LOG.info("train: {} episodes, {} videos of {} frames per step, {} steps, tokenizer {}", windows.episodes(), options.batchSize(),
                    model.config().seqLen(), options.totalSteps(), tokenizerDir);
            TecoTrainer.Result result;
            try (Progress progress = context.progress(NAME, options.totalSteps(), "steps")) {
                boolean[] first = {true};
                result = TecoTrainer.train(model, windows, options, out, configText, new TecoTrainer.Listener() {
                    @Override
                    public void report(TecoTrainer.Report r) {
                        // Under a time budget the bar's ETA is when training will stop, not when total_steps would be reached.
                        String budget = "";
                        if (options.maxMinutes() > 0) {
                            budget = String.format(java.util.Locale.ROOT, " | time budget: %.1f of %.1f min", r.seconds() / 60,
                                    options.maxMinutes());
                            progress.timeLeft(options.maxMinutes() * 60 - r.seconds());
                        }
                        progress.status(r.mean().text() + budget);
                        LOG.debug("train: {}", r.text());
                    }

                    @Override
                    public void step(long step) {
                        // A resumed run's bar starts where the checkpoint left off.
                        progress.advance(first[0] ? step : 1);
                        first[0] = false;
                    }

                    @Override
                    public void checkpoint(Path dir, ParamStore params) throws java.io.IOException {
                        if (options.export()) {
                            InferenceExport.write(model, params, dir.resolve(InferenceExport.FOLDER));
                        }
                    }
                });
            }
            TrainSummary summary = new TrainSummary(result.step(), result.resumedFrom(), result.seconds(), result.stoppedByTime(),
                    result.last(), result.checkpoint(), TecoModel.parameterCount(model.config(), model.prior()), tokenizerDir, tokenizerId,
                    (System.nanoTime() - started) / 1e9);
            summary.write(out.resolve(SUMMARY));
            LOG.info("train: {}", summary.oneLine());
        }
    }

    /**
     * The prior that {@code teco model summary} and {@code teco bench} hand over through the SPI's
     * {@link Prior} (those API methods predate the kit's contract). Every prior is registered as
     * {@link PriorFactory} and looked up as one, so this only fails for a plugin built against
     * an older platform.
     */
    public static PriorFactory priorFactory(Prior prior) {
        if (prior instanceof PriorFactory f) {
            return f;
        }
        throw new BadInputException("pipeline.prior: the prior " + prior.getClass().getName() + " does not implement "
                + PriorFactory.class.getName() + ", so TECO cannot build it");
    }

    /** {@code vqvae_ckpt} when set, else the train_tokenizer stage's output: the same rule as the tokenize stage. */
    public static Path tokenizerDirectory(Settings config, Path trained) {
        Path dir = config.has(TOKENIZER_KEY) ? config.getPath(TOKENIZER_KEY).toAbsolutePath().normalize() : trained;
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(config.has(TOKENIZER_KEY)
                    ? TOKENIZER_KEY + ": tokenizer directory " + dir + " does not exist"
                    : "no tokenizer: the config has no " + TOKENIZER_KEY + " and " + dir + " does not exist; run train_tokenizer first");
        }
        return dir;
    }

    /** The run's resolved config (saved with every checkpoint), as the pipeline runner recorded it. */
    static String resolvedConfig(Path runDir) throws java.io.IOException {
        Path f = runDir.resolve("config.resolved.yaml");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
