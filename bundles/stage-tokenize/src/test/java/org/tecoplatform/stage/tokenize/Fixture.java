package org.tecoplatform.stage.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.data.tokens.TokenCache;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenEpisode;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/** The vqgan-onnx tokenizer bundle's test fixture (32×32 frames → 16×16 codes of 64), used in place, and configs for it. */
final class Fixture {

    private Fixture() {
    }

    /** The fixture tokenizer directory of the sibling module (read only: copy it before changing anything). */
    static Path tokenizer() {
        Path dir = Path.of("..", "tokenizer-vqgan-onnx", "src", "test", "resources", "vqgan-tiny").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("encoder.onnx"))) {
            throw new IllegalStateException("the vqgan-tiny fixture is not at " + dir);
        }
        return dir;
    }

    /** A copy of the fixture under {@code to}. */
    static Path copy(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(tokenizer())) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /**
     * A config for the tiny dataset in {@code base}: {@code tokenize} options small enough that
     * episodes are encoded in several pieces and splits have several shards.
     */
    static Map<String, Object> config(Path tokenizer) {
        Map<String, Object> m = new HashMap<>();
        m.put("pipeline", Map.of("dataset", TinyDataset.NAME, "tokenizer", "vqgan-onnx", "stages", List.of("tokenize")));
        if (tokenizer != null) {
            m.put(TokenizeStage.TOKENIZER_KEY, tokenizer.toString());
        }
        m.put("tokenize", Map.of("batch_frames", 3, "workers", 2, "episodes_per_shard", 2));
        m.put("vqgan-onnx", Map.of("threads", 1));
        return m;
    }

    static Settings settings(Map<String, Object> config, Path base) {
        return ConfigSettings.of(config, base);
    }

    /** Opens the fixture tokenizer as the stage would. */
    static TokenizerModel open(Path dir, Settings config) {
        return new VqganOnnxTokenizer().open(dir, config);
    }

    /** Every episode of a split of the cache under {@code dir}, in order. */
    static List<TokenEpisode> read(Path dir, Split split, TokenCacheInfo expected) throws IOException {
        try (TokenCache cache = TokenCache.open(dir, split, expected)) {
            return java.util.stream.IntStream.range(0, cache.size()).mapToObj(cache::episode).toList();
        }
    }

    /** What the cache should hold: each episode encoded whole by the tokenizer, with its actions. */
    static List<TokenEpisode> expected(TinyDataset data, Settings config, Split split, TokenizerModel model) {
        return data.episodes(config, split).stream().map(ref -> {
            Episode e = data.episode(ref.id(), ref.frames());
            return new TokenEpisode(e.id(), e.frames(), model.encode(e.video()), e.actions());
        }).toList();
    }

    static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
        Map<String, Object> m = new HashMap<>(config);
        m.put(key, value);
        return m;
    }

    static Map<String, Object> without(Map<String, Object> config, String key) {
        Map<String, Object> m = new HashMap<>(config);
        m.remove(key);
        return m;
    }
}
