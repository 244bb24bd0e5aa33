package org.tecoplatform.launcher.cli;

import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageBenchmark;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.RawConfig;

/** Runs a stage's own benchmark ({@link StageBenchmark}) for a config, inside the framework. */
final class StageBenchmarkRun {

    /** The figures, and the config they were measured for. */
    record Figures(Map<String, double[]> values, Settings config) {
        double scalar(String key) {
            double[] v = values.get(key);
            return v == null || v.length == 0 ? Double.NaN : v[0];
        }
    }

    private StageBenchmarkRun() {
    }

    static Figures run(ConfigOptions config, RuntimeOptions runtime, TokenizerShapeOptions tokenizer, String stage,
                       Map<String, String> options) throws Exception {
        RawConfig raw = config.load();
        try (TecoRuntime rt = runtime.start(ConfigOptions.bundleFolders(raw))) {
            Settings settings = ConfigValidator.resolve(raw, rt.catalog()).settings();
            Stage s = rt.catalog().require(PluginKind.STAGE, Stage.class, stage);
            if (!(s instanceof StageBenchmark bench)) {
                throw new BadInputException("stage '" + stage + "' has no benchmark");
            }
            Prior prior = rt.catalog().require(PluginKind.PRIOR, Prior.class, settings.getString("pipeline.prior", "maskgit"));
            return new Figures(bench.benchmark(settings, tokenizer.resolve(rt, settings), prior, options), settings);
        }
    }
}
