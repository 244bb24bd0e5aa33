package org.tecoplatform.stage.tokenize;

import org.tecoplatform.data.tokens.TokenizerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.loader.Batch;
import org.tecoplatform.data.loader.DataLoader;
import org.tecoplatform.data.loader.LoaderOptions;
import org.tecoplatform.data.tokens.TokenCache;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenCacheWriter;
import org.tecoplatform.data.tokens.TokenEpisode;
import org.tecoplatform.data.tokens.TokenFileWriter;

/**
 * The {@code tokenize} stage: encodes every episode of the configured dataset with the configured
 * tokenizer into the token cache (the "encoded dataset", {@code platform/data/TOKEN-CACHE.md})
 * under {@code <run>/tokenize/}, one split after the other, and writes {@code tokenize.json}.
 *
 * <p>The tokenizer directory is the config's {@code vqvae_ckpt} (the original TECO's key) or,
 * without it, {@code <run>/train_tokenizer/tokenizer}. Its image size must be the dataset's frame
 * size. The cache records a {@link TokenizerId} of the directory, so a cache made by another
 * tokenizer is refused rather than mixed.
 *
 * <p>Threads: the data loader's workers ({@code tokenize.workers}) read and decode whole episodes
 * in dataset order ahead of the encoder; encoding runs on the calling thread in pieces of
 * {@code tokenize.batch_frames} frames. One encoding thread on purpose: a {@link TokenizerModel}
 * is not thread-safe, ONNX Runtime already spreads each call over the cores (intra-op threads),
 * and a pool of models would multiply the model's memory while competing for the same cores.
 *
 * <p>Resumable: complete shards of an interrupted run are kept (after checking they hold the
 * first episodes of the split in dataset order, made by this tokenizer) and only the remaining
 * episodes are read and encoded; a split whose index exists is complete and skipped.
 */
@Component(service = Stage.class, property = "teco.name=" + TokenizeStage.NAME)
public final class TokenizeStage implements Stage {

    static final String NAME = "tokenize";
    /** The config key naming the tokenizer directory (TECO's name for the VQ-GAN checkpoint). */
    public static final String TOKENIZER_KEY = "vqvae_ckpt";
    /** The stage that trains a tokenizer, and the folder under its output where it leaves it. */
    public static final String TRAIN_TOKENIZER_STAGE = "train_tokenizer";
    public static final String TRAINED_TOKENIZER_FOLDER = "tokenizer";

    private static final Logger LOG = LoggerFactory.getLogger(TokenizeStage.class);

    @Override
    public String description() {
        return "encode the dataset's episodes with the tokenizer into the token cache (resumable)";
    }

    @Override
    public List<OptionSpec> options() {
        return TokenizeOptions.SPECS;
    }

    /** Without {@code vqvae_ckpt}, the tokenizer comes from the train_tokenizer stage. */
    @Override
    public Set<String> needs(Settings config) {
        return config.has(TOKENIZER_KEY) ? Set.of() : Set.of(TRAIN_TOKENIZER_STAGE);
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.DATASET, PluginKind.TOKENIZER);
    }

    @Override
    public void run(StageContext context) throws Exception {
        long started = System.nanoTime();
        Settings config = context.config();
        TokenizeOptions options = TokenizeOptions.from(config);
        Path tokenizerDir = tokenizerDirectory(config, context.stageDir(TRAIN_TOKENIZER_STAGE).resolve(TRAINED_TOKENIZER_FOLDER));
        DatasetReader dataset = context.dataset();
        DatasetInfo data = dataset.describe(config);
        String datasetName = config.getString("pipeline.dataset", data.name());
        Path out = context.stageDir();
        try (TokenizerModel model = context.tokenizer().open(tokenizerDir, config)) {
            TokenizerInfo tokenizer = model.info();
            checkFrameSize(tokenizer, tokenizerDir, data, datasetName);
            String id = TokenizerId.of(tokenizerDir);
            TokenCacheInfo cache = TokenCacheInfo.of(tokenizer, id);
            LOG.info("tokenize: dataset {} ({}x{}) with tokenizer {} ({} codes, {}x{} per frame, id {})", datasetName, data.height(),
                    data.width(), tokenizerDir, tokenizer.codes(), tokenizer.latentHeight(), tokenizer.latentWidth(), id);
            List<SplitReport> reports = new ArrayList<>();
            for (Split split : Split.values()) {
                reports.add(encodeSplit(context, dataset, datasetName, model, cache, options, split, out));
            }
            TokenizeSummary summary = new TokenizeSummary(datasetName, tokenizerDir, id, tokenizer, cache, reports,
                    (System.nanoTime() - started) / 1e9);
            summary.write(out);
            LOG.info("tokenize {}: {}", datasetName, summary.oneLine());
        }
    }

    /** {@code vqvae_ckpt} when the config sets it, else the train_tokenizer stage's output; both named when neither exists. */
    static Path tokenizerDirectory(Settings config, Path trained) {
        if (config.has(TOKENIZER_KEY)) {
            Path dir = config.getPath(TOKENIZER_KEY).toAbsolutePath().normalize();
            if (Files.isDirectory(dir)) {
                return dir;
            }
            String what = Files.exists(dir)
                    ? " is a file, not a tokenizer directory (a taming-transformers checkpoint must first be converted with tools/vqgan_to_onnx.py)"
                    : " does not exist (relative paths are resolved against the config file's folder)";
            throw new BadInputException(TOKENIZER_KEY + ": tokenizer directory " + dir + what + "; point " + TOKENIZER_KEY
                    + " at a tokenizer directory (encoder.onnx, decoder.onnx, codebook.npy, tokenizer.json), or remove it to use "
                    + trained + " as the " + TRAIN_TOKENIZER_STAGE + " stage writes it");
        }
        if (Files.isDirectory(trained)) {
            return trained;
        }
        throw new BadInputException("no tokenizer: the config has no " + TOKENIZER_KEY + " and " + trained
                + " does not exist; set " + TOKENIZER_KEY + " to a tokenizer directory (encoder.onnx, decoder.onnx, codebook.npy, "
                + "tokenizer.json) or run the " + TRAIN_TOKENIZER_STAGE + " stage first");
    }

    static void checkFrameSize(TokenizerInfo tokenizer, Path tokenizerDir, DatasetInfo data, String datasetName) {
        int size = tokenizer.imageSize();
        if (data.height() != size || data.width() != size) {
            throw new BadInputException("tokenizer " + tokenizerDir + " encodes " + size + "x" + size + " frames (its image size) but dataset '"
                    + datasetName + "' has " + data.height() + "x" + data.width() + " frames; use a tokenizer made for "
                    + data.height() + "x" + data.width() + " frames or a dataset image size of " + size);
        }
    }

    private SplitReport encodeSplit(StageContext context, DatasetReader dataset, String datasetName, TokenizerModel model,
                                    TokenCacheInfo cache, TokenizeOptions options, Split split, Path out) throws IOException {
        long started = System.nanoTime();
        Settings config = context.config();
        if (TokenCacheWriter.isComplete(out, split)) {
            // Opening checks every shard against this tokenizer: a complete cache of another one is refused, not kept.
            try (TokenCache done = TokenCache.open(out, split, cache)) {
                LOG.info("tokenize {}: {} is complete ({} episodes, {} frames); skipping it", datasetName, split.folder(), done.size(),
                        done.totalFrames());
                return new SplitReport(split, true, done.size(), done.totalFrames(), 0, 0, 0, (System.nanoTime() - started) / 1e9);
            }
        }
        List<EpisodeRef> refs = dataset.episodes(config, split);
        int resumed;
        int encodedEpisodes = 0;
        long encodedFrames = 0;
        try (TokenCacheWriter writer = TokenCacheWriter.open(out, split, cache, options.episodesPerShard(),
                TokenFileWriter.DEFAULT_ROWS_PER_BATCH)) {
            List<String> written = writer.writtenIds();
            resumed = written.size();
            checkPrefix(written, refs, out, split);
            List<EpisodeRef> remaining = refs.subList(resumed, refs.size());
            if (resumed > 0) {
                LOG.info("tokenize {}: {} resumes after {} of {} episodes", datasetName, split.folder(), resumed, refs.size());
            }
            if (!remaining.isEmpty()) {
                long[] done = encode(context, dataset, datasetName, model, cache, options, split, remaining, writer);
                encodedEpisodes = (int) done[0];
                encodedFrames = done[1];
            }
            writer.finish();
        }
        try (TokenCache written = TokenCache.open(out, split, cache)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            SplitReport report = new SplitReport(split, false, written.size(), written.totalFrames(), resumed, encodedEpisodes,
                    encodedFrames, seconds);
            LOG.info(String.format(Locale.ROOT, "tokenize %s: %s has %d episodes, %d frames; encoded %d episodes, %d frames in %.1f s (%.1f frames/s)",
                    datasetName, split.folder(), report.episodes(), report.frames(), encodedEpisodes, encodedFrames, seconds,
                    report.framesPerSecond()));
            return report;
        }
    }

    /** The kept shards must hold the first episodes of the split, in the dataset's order, or the rest would not line up. */
    private static void checkPrefix(List<String> written, List<EpisodeRef> refs, Path out, Split split) {
        for (int i = 0; i < written.size(); i++) {
            String found = i < refs.size() ? refs.get(i).id() : null;
            if (!written.get(i).equals(found)) {
                throw new BadInputException(out + ": the token cache of " + split.folder() + " holds episode '" + written.get(i)
                        + "' at position " + i + " but the dataset lists " + (found == null ? "only " + refs.size() + " episodes"
                        : "'" + found + "' there") + ": the dataset changed since the cache was started; delete " + out
                        + " (or run tokenize with --force) to re-encode");
            }
        }
    }

    /** Encodes {@code remaining} in order into {@code writer}; returns {episodes, frames} encoded. */
    private long[] encode(StageContext context, DatasetReader dataset, String datasetName, TokenizerModel model, TokenCacheInfo cache,
                          TokenizeOptions options, Split split, List<EpisodeRef> remaining, TokenCacheWriter writer) throws IOException {
        int perFrame = cache.codesPerFrame();
        int imageSize = model.info().imageSize();
        // One whole episode per loader batch: episodes of different lengths cannot share a batch.
        LoaderOptions loading = LoaderOptions.tokenizing(1).withWorkers(options.workers());
        long total = totalFrames(remaining);
        long episodes = 0;
        long frames = 0;
        long started = System.nanoTime();
        try (DataLoader loader = DataLoader.open(new RemainingEpisodes(dataset, split, remaining), context.config(), split, loading);
             Progress progress = context.progress(NAME + " " + datasetName + " " + split.folder(), total, "frames")) {
            int next = 0;
            while (loader.hasNext()) {
                Batch batch = loader.next();
                String id = batch.episodeIds()[0];
                String expected = remaining.get(next).id();
                if (!id.equals(expected)) {
                    throw new IllegalStateException("data loader gave episode " + id + " where " + expected + " was due");
                }
                next++;
                if (batch.height() != imageSize || batch.width() != imageSize) {
                    throw new BadInputException("episode " + id + " of " + datasetName + " (" + split.folder() + ") has "
                            + batch.height() + "x" + batch.width() + " frames, the tokenizer encodes " + imageSize + "x" + imageSize);
                }
                int t = batch.frames();
                int[] codes = new int[Math.multiplyExact(t, perFrame)];
                int[] actions = Arrays.copyOf(batch.actions(), t);
                for (int start = 0; start < t; start += options.batchFrames()) {
                    int n = Math.min(options.batchFrames(), t - start);
                    byte[] pixels = n == t ? batch.raw()
                            : Arrays.copyOfRange(batch.raw(), start * batch.frameValues(), (start + n) * batch.frameValues());
                    int[] part = model.encode(new Video(n, batch.height(), batch.width(), batch.channels(), pixels));
                    if (part.length != n * perFrame) {
                        throw new IllegalStateException("tokenizer gave " + part.length + " codes for " + n + " frames, expected "
                                + n * perFrame);
                    }
                    System.arraycopy(part, 0, codes, start * perFrame, part.length);
                    progress.advance(n);
                }
                loader.recycle(batch);
                writer.write(new TokenEpisode(id, t, codes, actions));
                episodes++;
                frames += t;
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.status(String.format(Locale.ROOT, "%d/%d episodes, %.1f frames/s", episodes, remaining.size(),
                        seconds > 0 ? frames / seconds : 0));
            }
            if (next != remaining.size()) {
                throw new IllegalStateException("data loader stopped after " + next + " of " + remaining.size() + " episodes of "
                        + split.folder());
            }
        }
        return new long[] {episodes, frames};
    }

    /** Frames to encode when the references know their lengths, else -1 (the bar then counts without a total). */
    private static long totalFrames(List<EpisodeRef> refs) {
        long total = 0;
        for (EpisodeRef r : refs) {
            if (r.frames() < 0) {
                return -1;
            }
            total += r.frames();
        }
        return total;
    }
}
