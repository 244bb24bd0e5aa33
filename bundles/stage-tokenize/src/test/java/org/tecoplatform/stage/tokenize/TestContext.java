package org.tecoplatform.stage.tokenize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;
import org.tecoplatform.pipeline.run.DefaultStageContext;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/**
 * The pipeline's own stage context over the given dataset and the real vqgan-onnx tokenizer;
 * counts the frames the stage reports done.
 */
final class TestContext extends DefaultStageContext {

    final AtomicLong progressFrames;
    final AtomicLong progressTotal;

    TestContext(Settings config, Path runDir, DatasetReader dataset) {
        this(config, config.getString("pipeline.dataset", "test-data"), runDir, dataset, new AtomicLong(),
                new AtomicLong(Long.MIN_VALUE));
    }

    private TestContext(Settings config, String name, Path runDir, DatasetReader dataset, AtomicLong frames, AtomicLong total) {
        super(TokenizeStage.NAME, ResolvedConfig.of((ConfigSettings) config).with("pipeline.dataset", name)
                        .with("pipeline.tokenizer", "vqgan-onnx"),
                new MapPluginCatalog().add(PluginKind.DATASET, name, dataset)
                        .add(PluginKind.TOKENIZER, "vqgan-onnx", new VqganOnnxTokenizer()),
                runDir, false, (task, t, unit) -> {
                    if (!"frames".equals(unit)) {
                        throw new AssertionError("progress in " + unit + ", expected frames");
                    }
                    total.set(t);
                    return new Progress() {
                        @Override
                        public void advance(long n) {
                            frames.addAndGet(n);
                        }

                        @Override
                        public void status(String text) {
                        }

                        @Override
                        public void close() {
                        }
                    };
                });
        this.progressFrames = frames;
        this.progressTotal = total;
        try {
            Files.createDirectories(stageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
