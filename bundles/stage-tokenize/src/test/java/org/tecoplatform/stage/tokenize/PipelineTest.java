package org.tecoplatform.stage.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Plugin;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.tokens.TokenCacheWriter;
import org.tecoplatform.pipeline.config.ConfigLoader;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import org.tecoplatform.pipeline.plugins.PluginInfo;
import org.tecoplatform.pipeline.run.PipelineRunner;
import org.tecoplatform.pipeline.run.ProgressFactory;
import org.tecoplatform.pipeline.run.RunOptions;
import org.tecoplatform.pipeline.run.StageOutcome;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/** The stage as the pipeline runs it: a YAML config checked against its options, the runner's folders, skip and --force. */
class PipelineTest {

    @TempDir
    Path tmp;

    /** The installed plugins: the tiny dataset, the real vqgan-onnx tokenizer and this stage. */
    private static final class Catalog implements PluginCatalog {
        private record Entry(PluginInfo info, Object service) {
        }

        private final List<Entry> entries = new ArrayList<>();

        Catalog add(PluginKind kind, String name, Plugin plugin) {
            entries.add(new Entry(new PluginInfo(kind, name, "test", "1.0.0", plugin.description(), plugin.options()), plugin));
            return this;
        }

        @Override
        public List<PluginInfo> plugins() {
            return entries.stream().map(Entry::info).toList();
        }

        @Override
        public <T> Optional<T> find(Class<T> spi, String name) {
            return entries.stream().filter(e -> e.info().name().equals(name) && spi.isInstance(e.service()))
                    .map(e -> spi.cast(e.service())).findFirst();
        }
    }

    @Test
    void runsFromAYamlConfigIsSkippedWhenFinishedAndRedoneWhenForced() throws Exception {
        TinyDataset data = TinyDataset.standard();
        Catalog catalog = new Catalog().add(PluginKind.DATASET, TinyDataset.NAME, data)
                .add(PluginKind.TOKENIZER, "vqgan-onnx", new VqganOnnxTokenizer())
                .add(PluginKind.STAGE, "tokenize", new TokenizeStage());
        Path tok = Fixture.copy(tmp.resolve("configs/models/vqgan"));
        Path file = tmp.resolve("configs/tiny.yaml");
        String yaml = """
                seed: 1
                vqvae_ckpt: models/vqgan
                pipeline:
                  dataset: tiny
                  tokenizer: vqgan-onnx
                  stages: [tokenize]
                tokenize:
                  batch_frames: 4
                """;
        Files.writeString(file, yaml);
        ResolvedConfig config = ConfigValidator.resolve(ConfigLoader.parse(file, yaml), catalog);
        // The validator completed the section with the declared defaults.
        assertThat(config.settings().getInt("tokenize.episodes_per_shard")).isEqualTo(TokenCacheWriter.DEFAULT_EPISODES_PER_SHARD);
        assertThat(config.settings().getInt("tokenize.workers")).isEqualTo(TokenizeOptions.DEFAULT_WORKERS);

        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = tmp.resolve("run");
        List<StageOutcome> first = runner.run(config, run, RunOptions.defaults());
        assertThat(first).extracting(StageOutcome::status).containsExactly(StageOutcome.Status.RAN);
        assertThat(TokenCacheWriter.isComplete(run.resolve("tokenize"), Split.TRAIN)).isTrue();
        assertThat(TokenCacheWriter.isComplete(run.resolve("tokenize"), Split.TEST)).isTrue();
        assertThat(Files.readString(run.resolve("tokenize/tokenize.json"))).contains("\"directory\": \"" + tok.toAbsolutePath().normalize() + "\"");
        assertThat(data.reads()).hasSize(10);

        assertThat(runner.run(config, run, RunOptions.defaults())).extracting(StageOutcome::status)
                .containsExactly(StageOutcome.Status.DONE_EARLIER);
        assertThat(data.reads()).hasSize(10);

        assertThat(runner.run(config, run, new RunOptions(List.of(), true))).extracting(StageOutcome::status)
                .containsExactly(StageOutcome.Status.RAN);
        assertThat(data.reads()).hasSize(20);
        assertThat(TokenCacheWriter.isComplete(run.resolve("tokenize"), Split.TRAIN)).isTrue();
    }
}
