package org.tecoplatform.stage.tokenize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.Tokenizer;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/** What the pipeline runner hands the stage, with the real vqgan-onnx tokenizer; counts the frames reported done. */
final class TestContext implements StageContext {

    private final Settings config;
    private final Path runDir;
    private final DatasetReader dataset;
    private final Tokenizer tokenizer = new VqganOnnxTokenizer();
    final AtomicLong progressFrames = new AtomicLong();
    final AtomicLong progressTotal = new AtomicLong(Long.MIN_VALUE);

    TestContext(Settings config, Path runDir, DatasetReader dataset) {
        this.config = config;
        this.runDir = runDir;
        this.dataset = dataset;
        try {
            Files.createDirectories(stageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String stageName() {
        return TokenizeStage.NAME;
    }

    @Override
    public Settings config() {
        return config;
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    @Override
    public Path stageDir() {
        return stageDir(TokenizeStage.NAME);
    }

    @Override
    public Path stageDir(String stage) {
        return runDir.resolve(stage);
    }

    @Override
    public boolean forced() {
        return false;
    }

    @Override
    public <T> T plugin(Class<T> spi, String name) {
        throw new AssertionError("the tokenize stage must not ask for this");
    }

    @Override
    public DatasetReader dataset() {
        return dataset;
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public Prior prior() {
        throw new AssertionError("the tokenize stage must not ask for this");
    }

    @Override
    public List<Metric> metrics() {
        throw new AssertionError("the tokenize stage must not ask for this");
    }

    @Override
    public Progress progress(String task, long total, String unit) {
        if (!"frames".equals(unit)) {
            throw new AssertionError("progress in " + unit + ", expected frames");
        }
        progressTotal.set(total);
        return new Progress() {
            @Override
            public void advance(long n) {
                progressFrames.addAndGet(n);
            }

            @Override
            public void status(String text) {
            }

            @Override
            public void close() {
            }
        };
    }
}
