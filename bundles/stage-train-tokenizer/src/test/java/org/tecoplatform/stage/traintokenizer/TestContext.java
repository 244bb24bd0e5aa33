package org.tecoplatform.stage.traintokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.Tokenizer;

/** What the pipeline runner hands the stage; records progress. */
final class TestContext implements StageContext {

    private final Settings config;
    private final Path runDir;
    private final DatasetReader dataset;
    final AtomicLong advanced = new AtomicLong();
    final List<String> statuses = new ArrayList<>();
    long total = Long.MIN_VALUE;

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
        return TrainTokenizerStage.NAME;
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
        return stageDir(TrainTokenizerStage.NAME);
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
        throw new AssertionError("train_tokenizer must not ask for this");
    }

    @Override
    public DatasetReader dataset() {
        return dataset;
    }

    @Override
    public Tokenizer tokenizer() {
        throw new AssertionError("train_tokenizer must not ask for this");
    }

    @Override
    public Prior prior() {
        throw new AssertionError("train_tokenizer must not ask for this");
    }

    @Override
    public List<Metric> metrics() {
        throw new AssertionError("train_tokenizer must not ask for this");
    }

    @Override
    public Progress progress(String task, long total, String unit) {
        if (!"steps".equals(unit)) {
            throw new AssertionError("progress in " + unit + ", expected steps");
        }
        this.total = total;
        return new Progress() {
            @Override
            public void advance(long n) {
                advanced.addAndGet(n);
            }

            @Override
            public void status(String text) {
                statuses.add(text);
            }

            @Override
            public void close() {
            }
        };
    }
}
