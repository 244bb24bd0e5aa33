package org.tecoplatform.stage.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.metrics.image.PsnrMetric;
import org.tecoplatform.metrics.image.SsimMetric;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;
import org.tecoplatform.pipeline.run.DefaultStageContext;

/** The pipeline's own stage context with the real psnr and ssim; counts the videos the stage reports done. */
final class TestContext extends DefaultStageContext {

    final AtomicLong videosDone;
    final AtomicLong videosTotal;

    static TestContext of(Map<String, Object> config, Path runDir) {
        return new TestContext(config, runDir, new AtomicLong(), new AtomicLong());
    }

    private TestContext(Map<String, Object> config, Path runDir, AtomicLong done, AtomicLong total) {
        super(EvalStage.NAME, ResolvedConfig.of(ConfigSettings.of(config, runDir)),
                new MapPluginCatalog().add(PluginKind.METRIC, "psnr", new PsnrMetric())
                        .add(PluginKind.METRIC, "ssim", new SsimMetric()),
                runDir, false, (task, t, unit) -> {
                    if (!"videos".equals(unit)) {
                        throw new AssertionError("progress in " + unit + ", expected videos");
                    }
                    total.addAndGet(t);
                    return new Progress() {
                        @Override
                        public void advance(long n) {
                            done.addAndGet(n);
                        }

                        @Override
                        public void status(String text) {
                        }

                        @Override
                        public void close() {
                        }
                    };
                });
        this.videosDone = done;
        this.videosTotal = total;
        try {
            Files.createDirectories(stageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config naming the given metrics, with the eval stage's options. */
    static Map<String, Object> config(List<String> metrics, Map<String, Object> eval) {
        return Map.of("pipeline", Map.of("stages", List.of("sample", "eval"), "metrics", metrics), "eval", eval);
    }

    /** The numpy-written samples folder of metrics-image's fixtures (samples_2: 2 files of 2 videos, 5 frames 16x16). */
    static Path numpySamples() {
        Path dir = Path.of("..", "metrics-image", "src", "test", "resources", "metric-fixtures").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("samples_2"))) {
            throw new IllegalStateException("the numpy samples fixture is not at " + dir);
        }
        return dir;
    }

    /** Copies the numpy samples folder to {@code <runDir>/sample/<name>}. */
    static Path copySamples(Path runDir, String name) throws IOException {
        Path to = Files.createDirectories(runDir.resolve("sample").resolve(name));
        try (Stream<Path> files = Files.list(numpySamples().resolve("samples_2"))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
