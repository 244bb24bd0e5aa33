package org.tecoplatform.pipeline.run;

import java.nio.file.Path;
import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.api.Tokenizer;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.PluginCatalog;

/**
 * The runner's {@link StageContext}: plugins come from the catalog by the names the config gives.
 * Public so a stage can also be run (or tested) outside the runner, e.g. over a
 * {@link org.tecoplatform.pipeline.plugins.MapPluginCatalog}.
 */
public class DefaultStageContext implements StageContext {

    private final String stage;
    private final ResolvedConfig config;
    private final PluginCatalog catalog;
    private final Path runDir;
    private final boolean forced;
    private final ProgressFactory progress;

    public DefaultStageContext(String stage, ResolvedConfig config, PluginCatalog catalog, Path runDir, boolean forced,
                        ProgressFactory progress) {
        this.stage = stage;
        this.config = config;
        this.catalog = catalog;
        this.runDir = runDir;
        this.forced = forced;
        this.progress = progress;
    }

    @Override
    public String stageName() {
        return stage;
    }

    @Override
    public Settings config() {
        return config.settings();
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    @Override
    public Path stageDir() {
        return stageDir(stage);
    }

    @Override
    public Path stageDir(String other) {
        return runDir.resolve(other);
    }

    @Override
    public boolean forced() {
        return forced;
    }

    /**
     * {@code spi} is a plugin SPI or a type extending one (a prior is asked for as the kit's
     * {@code PriorFactory}, which extends {@link Prior}).
     */
    @Override
    public <T> T plugin(Class<T> spi, String name) {
        PluginKind kind = java.util.Arrays.stream(PluginKind.values()).filter(k -> k.spi().isAssignableFrom(spi)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(spi.getName() + " is not a plugin SPI"));
        return catalog.require(kind, spi, name);
    }

    @Override
    public DatasetReader dataset() {
        return plugin(DatasetReader.class, named(PluginKind.DATASET, config.dataset()));
    }

    @Override
    public Tokenizer tokenizer() {
        return plugin(Tokenizer.class, named(PluginKind.TOKENIZER, config.tokenizer()));
    }

    @Override
    public Prior prior() {
        return plugin(Prior.class, named(PluginKind.PRIOR, config.prior()));
    }

    @Override
    public List<Metric> metrics() {
        return config.metrics().stream().map(n -> plugin(Metric.class, n)).toList();
    }

    @Override
    public Progress progress(String task, long total, String unit) {
        return progress.start(task, total, unit);
    }

    private String named(PluginKind kind, String name) {
        if (name == null) {
            throw new BadInputException("stage '" + stage + "' needs a " + kind.label() + ": set pipeline."
                    + kind.configKey() + " in the config");
        }
        return name;
    }
}
