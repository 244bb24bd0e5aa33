package org.tecoplatform.stage.traintokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;
import org.tecoplatform.pipeline.run.DefaultStageContext;

/** The pipeline's own stage context over the given dataset; records the progress the stage reports. */
final class TestContext extends DefaultStageContext {

    final AtomicLong advanced;
    final List<String> statuses;
    private final long[] totalBox;

    TestContext(Settings config, Path runDir, DatasetReader dataset) {
        this(config, runDir, dataset, new AtomicLong(), new ArrayList<>(), new long[] {Long.MIN_VALUE});
    }

    private TestContext(Settings config, Path runDir, DatasetReader dataset, AtomicLong advanced, List<String> statuses,
                        long[] totalBox) {
        super(TrainTokenizerStage.NAME, ResolvedConfig.of((ConfigSettings) config).with("pipeline.dataset", "test-data"),
                new MapPluginCatalog().add(PluginKind.DATASET, "test-data", dataset), runDir, false, (task, t, unit) -> {
                    if (!"steps".equals(unit)) {
                        throw new AssertionError("progress in " + unit + ", expected steps");
                    }
                    totalBox[0] = t;
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
                });
        this.advanced = advanced;
        this.statuses = statuses;
        this.totalBox = totalBox;
        try {
            Files.createDirectories(stageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The total the stage's progress announced. */
    long total() {
        return totalBox[0];
    }
}
