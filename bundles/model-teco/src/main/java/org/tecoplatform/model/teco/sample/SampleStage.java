package org.tecoplatform.model.teco.sample;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageBenchmark;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.model.teco.BenchmarkOptions;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.SamplesFolder;
import org.tecoplatform.data.samples.SamplesWriter;
import org.tecoplatform.data.samples.VideoPair;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.model.teco.train.TrainStage;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorFactory;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.model.teco.LegacyPriorNames;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.onnx.OrtSettings;

/**
 * The {@code sample} stage: videos from the newest checkpoint of {@code <run>/train} on ONNX
 * Runtime, conditioned on the first {@code open_loop_ctx} frames of test episodes, written in the
 * original layout ({@code samples[_action]_<ctx>/data_<i>.npz} with {@code real} and {@code fake}
 * uint8 [B, T, H, W, 3]) so the original evaluation scripts read them, plus {@code samples.gif}
 * and {@code sample.json} (speed, settings).
 */
@Component(service = Stage.class, property = "teco.name=" + SampleStage.NAME)
public final class SampleStage implements Stage, StageBenchmark {

    static final String NAME = "sample";
    static final String SUMMARY = "sample.json";
    static final String GIF = "samples.gif";
    static final String GIF_ACTIONS = "samples_action.gif";
    static final String STRIP = "samples_strip.png";
    static final String STRIP_ACTIONS = "samples_action_strip.png";

    private static final Logger LOG = LoggerFactory.getLogger(SampleStage.class);

    @Override
    public String description() {
        return "sample videos from the trained TECO on ONNX Runtime (key/value cache), in the original samples layout";
    }

    @Override
    public List<OptionSpec> options() {
        return SampleOptions.SPECS;
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.DATASET, PluginKind.TOKENIZER, PluginKind.PRIOR);
    }

    /** The sampling options, before any stage runs. */
    @Override
    public void check(Settings config) {
        SampleOptions.from(config);
    }

    @Override
    public Set<String> needs(Settings config) {
        return Set.of("train");
    }

    /**
     * Options: {@code videos} (1), {@code frames} (300), {@code context} (open_loop_ctx), {@code seed} (0),
     * {@code mode} (both, cache or recompute), {@code threads} (0 = ONNX Runtime's default).
     */
    @Override
    public Map<String, double[]> benchmark(Settings config, TokenizerInfo tokenizer, Prior prior, Map<String, String> options) {
        Map<String, String> o = BenchmarkOptions.check(options, "videos", "frames", "context", "seed", "mode", "threads");
        TecoConfig cfg = TecoConfig.from(config, tokenizer);
        PriorNetwork network = TrainStage.priorFactory(prior).create(cfg.priorShape(), config);
        long seed = BenchmarkOptions.number(o, "seed", 0);
        TecoModel model = new TecoModel(cfg, network, BenchmarkOptions.gaussian(tokenizer.codes() * tokenizer.embeddingDim(), seed));
        String mode = o.getOrDefault("mode", "both");
        if (!List.of("both", "cache", "recompute").contains(mode)) {
            throw new BadInputException("benchmark option 'mode' must be both, cache or recompute, found '" + mode + "'");
        }
        int frames = (int) BenchmarkOptions.number(o, "frames", 300);
        int context = (int) BenchmarkOptions.number(o, "context", cfg.openLoopCtx());
        if (context < cfg.nCond() || context >= frames) {
            throw new BadInputException("benchmark option 'context' must be in [n_cond, frames), found " + context);
        }
        int threads = (int) BenchmarkOptions.number(o, "threads", 0);
        OrtSettings ort = threads > 0 ? OrtSettings.defaults().withThreads(threads, 1) : OrtSettings.defaults();
        try {
            return SamplingBenchmark.run(model, (int) BenchmarkOptions.number(o, "videos", 1), frames, context, seed, !mode.equals("recompute"),
                    !mode.equals("cache"), ort);
        } catch (IOException | ai.onnxruntime.OrtException e) {
            throw new IllegalStateException("sampling benchmark failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void run(StageContext context) throws Exception {
        Settings config = context.config();
        SampleOptions o = SampleOptions.from(config);
        Path tokenizerDir = TrainStage.tokenizerDirectory(config, context.stageDir("train_tokenizer").resolve("tokenizer"));
        Path checkpoint = newestCheckpoint(context.stageDir("train").resolve("checkpoints"));
        DatasetReader dataset = context.dataset();
        List<EpisodeRef> refs = dataset.episodes(config, Split.TEST).stream().filter(r -> r.frames() < 0 || r.frames() >= o.frames())
                .limit(o.videos()).toList();
        if (refs.isEmpty()) {
            throw new BadInputException("sample: no test episode has " + o.frames() + " frames (sample.frames or eval_seq_len)");
        }
        if (refs.size() < o.videos()) {
            LOG.warn("sample: only {} test episodes have {} frames; sampling {} videos, not {}", refs.size(), o.frames(), refs.size(), o.videos());
        }
        try (TokenizerModel tokenizer = context.tokenizer().open(tokenizerDir, config)) {
            TecoConfig cfg = TecoConfig.from(config, tokenizer.info());
            List<Boolean> sets = o.actionSets(cfg.useActions());
            PriorNetwork prior = context.plugin(PriorFactory.class, config.getString("pipeline.prior")).create(cfg.priorShape(), config);
            Path export = checkpoint.resolve(InferenceExport.FOLDER);
            if (!InferenceExport.isComplete(export, prior)) {
                LOG.info("sample: exporting the inference graphs of {}", checkpoint);
                ParamStore params = LegacyPriorNames.upgrade(ParamStore.load(checkpoint.resolve("params.npz"), 0));
                InferenceExport.write(new TecoModel(cfg, prior, tokenizer.codebook()), params, export);
            }
            Path base = o.out().isEmpty() ? context.stageDir() : Path.of(o.out()).toAbsolutePath().normalize();
            OrtSettings ort = OrtSettings.defaults().withCuda(o.useCuda());
            if (o.threads() > 0) {
                ort = ort.withThreads(o.threads(), 1);
            }
            List<Map<String, Object>> summaries = new ArrayList<>();
            try (TecoSampler sampler = new TecoSampler(export, cfg, prior, ort, o.cache(), o.pastFrames(cfg.seqLen(), cfg.nCond()))) {
                for (boolean withActions : sets) {
                    summaries.add(sampleSet(context, o, cfg, dataset, refs, tokenizer, sampler, base, withActions));
                }
            }
            writeSummary(base.resolve(SUMMARY), o, checkpoint, summaries);
        }
    }

    /**
     * One sample set: every chosen test episode, conditioned on its actions or on "no action",
     * into {@code samples[_action]_<ctx>/} and its GIF. The same seed for both sets, so they
     * differ only by the actions.
     */
    private static Map<String, Object> sampleSet(StageContext context, SampleOptions o, TecoConfig cfg, DatasetReader dataset,
                                                 List<EpisodeRef> refs, TokenizerModel tokenizer, TecoSampler sampler, Path base,
                                                 boolean withActions) throws Exception {
        Settings config = context.config();
        Path folder = base.resolve(SamplesFolder.name(withActions, o.context()));
        SamplesWriter writer = new SamplesWriter(folder, o.context());
        long generated = (long) refs.size() * (o.frames() - o.context());
        long started = System.nanoTime();
        double rolloutSeconds = 0;
        List<VideoPair> forGif = new ArrayList<>();
        String label = withActions ? NAME + " (actions)" : NAME + " (no actions)";
        try (Progress progress = context.progress(label, generated, "frames")) {
            int index = 0;
            for (int first = 0; first < refs.size(); first += o.batch()) {
                List<EpisodeRef> part = refs.subList(first, Math.min(refs.size(), first + o.batch()));
                List<Episode> episodes = new ArrayList<>();
                for (EpisodeRef r : part) {
                    episodes.add(dataset.read(config, r, new FrameWindow(0, o.frames())));
                }
                int b = episodes.size();
                int hw = cfg.latentHeight() * cfg.latentWidth();
                int[] codes = new int[b * o.frames() * hw];
                int[] actions = new int[b * o.frames()];
                for (int v = 0; v < b; v++) {
                    Episode e = episodes.get(v);
                    int[] c = tokenizer.encode(e.video().slice(0, o.context()));
                    System.arraycopy(c, 0, codes, v * o.frames() * hw, c.length);
                    for (int f = 0; f < o.frames(); f++) {
                        int a = e.actions()[f];
                        actions[v * o.frames() + f] = withActions && a >= 0 && a < cfg.actionDim() ? a : cfg.noAction();
                    }
                }
                long t0 = System.nanoTime();
                int[] out = sampler.rollout(codes, actions, b, o.frames(), o.context(), new SplittableRandom(seedOf(o.seed(), index)),
                        i -> progress.advance(b));
                rolloutSeconds += (System.nanoTime() - t0) / 1e9;
                List<VideoPair> pairs = new ArrayList<>();
                for (int v = 0; v < b; v++) {
                    int[] mine = java.util.Arrays.copyOfRange(out, v * o.frames() * hw, (v + 1) * o.frames() * hw);
                    Video fake = tokenizer.decode(mine, o.frames());
                    pairs.add(new VideoPair(episodes.get(v).video(), fake));
                }
                writer.write(index++, pairs);
                if (forGif.size() < 4) {
                    forGif.addAll(pairs.subList(0, Math.min(pairs.size(), 4 - forGif.size())));
                }
            }
        }
        String gif = withActions ? GIF_ACTIONS : GIF;
        String strip = withActions ? STRIP_ACTIONS : STRIP;
        if (o.gif()) {
            GifGrid.write(base.resolve(gif), forGif, o.context());
            FrameStrip.write(base.resolve(strip), forGif, o.context());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("sample: {} videos of {} frames ({} context, {}) in {} ({} generated frames/s, cache {})", refs.size(), o.frames(),
                o.context(), withActions ? "the test episodes' actions" : "no actions", String.format(java.util.Locale.ROOT, "%.1f s", seconds),
                String.format(java.util.Locale.ROOT, "%.1f", generated / rolloutSeconds), o.cache());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", folder.getFileName().toString());
        m.put("include_actions", withActions);
        if (o.gif()) {
            m.put("gif", gif);
            m.put("strip", strip);
            m.put("strip_frames", FrameStrip.columns(o.frames(), o.context()));
        }
        m.put("videos", refs.size());
        m.put("generated_frames", generated);
        m.put("rollout_seconds", rolloutSeconds);
        m.put("generated_frames_per_second", generated / rolloutSeconds);
        m.put("seconds", seconds);
        return m;
    }

    static long seedOf(long seed, int batchIndex) {
        long z = seed * 0x9E3779B97F4A7C15L + batchIndex;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 27);
    }

    static Path newestCheckpoint(Path root) throws IOException {
        Optional<Path> latest = Checkpoints.latest(root);
        return latest.orElseThrow(() -> new BadInputException("sample: no checkpoint in " + root + "; run the train stage first"));
    }

    /**
     * {@code sample.json}: the settings, and per sample set its folder, GIF and speed under
     * {@code sets}; the first set's fields also at the top level, as before there were two.
     */
    private static void writeSummary(Path file, SampleOptions o, Path checkpoint, List<Map<String, Object>> sets) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", checkpoint.toString());
        m.put("frames", o.frames());
        m.put("open_loop_ctx", o.context());
        m.put("cache", o.cache());
        m.put("window", o.window());
        m.put("seed", o.seed());
        m.putAll(sets.get(0));
        m.put("sets", sets);
        AtomicFiles.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
    }
}
