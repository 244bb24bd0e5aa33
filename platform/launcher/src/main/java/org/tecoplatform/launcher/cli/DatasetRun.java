package org.tecoplatform.launcher.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.export.DatasetExport;
import org.tecoplatform.data.export.DatasetSummary;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.pipeline.config.ConfigMaps;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.Overrides;
import org.tecoplatform.pipeline.config.RawConfig;
import org.tecoplatform.pipeline.config.ResolvedConfig;

/**
 * A dataset plugin driven from the command line without a config file: the command's flags
 * become a config, validated like any other, and every episode is read (and exported).
 */
final class DatasetRun {

    private final TecoRuntime runtime;
    private final String dataset;
    private final ResolvedConfig config;

    private DatasetRun(TecoRuntime runtime, String dataset, ResolvedConfig config) {
        this.runtime = runtime;
        this.dataset = dataset;
        this.config = config;
    }

    /** Resolves {@code values} (plus {@code pipeline.dataset}) and the {@code --set} overrides. */
    static DatasetRun of(TecoRuntime runtime, String dataset, Map<String, Object> values, List<String> overrides) {
        Map<String, Object> all = new LinkedHashMap<>();
        ConfigMaps.put(all, "pipeline.dataset", dataset);
        values.forEach((k, v) -> ConfigMaps.put(all, k, v));
        RawConfig raw = Overrides.apply(new RawConfig(null, all, Map.of()), overrides);
        return new DatasetRun(runtime, dataset, ConfigValidator.resolve(raw, runtime.catalog()));
    }

    DatasetReader reader() {
        return runtime.catalog().require(PluginKind.DATASET, DatasetReader.class, dataset);
    }

    ResolvedConfig config() {
        return config;
    }

    /** Reads every episode of both splits, writing them under {@code out} when {@code export}. */
    DatasetSummary read(Path out, boolean export, boolean compressed) throws Exception {
        DatasetExport run = new DatasetExport(reader(), config.settings(), dataset, export, compressed);
        ConsoleProgress progress = ConsoleProgress.onStderr();
        for (Split split : Split.values()) {
            try (Progress p = progress.start(dataset + " " + split.folder(), run.episodes(split).size(), "episodes")) {
                run.write(split, out, p::advance);
            }
        }
        return run.summary();
    }
}
