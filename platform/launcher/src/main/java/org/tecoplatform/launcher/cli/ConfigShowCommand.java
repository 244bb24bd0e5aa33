package org.tecoplatform.launcher.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.RawConfig;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.run.PipelineRunner;
import org.tecoplatform.pipeline.run.ProgressFactory;
import org.tecoplatform.pipeline.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code teco config show}: the config as a run would use it, after overrides and defaults. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Validate a config and print it resolved: overrides applied, plugin options completed.",
            "",
            "Example:  teco config show configs/dmlab.yaml --set batch_size=8"})
final class ConfigShowCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RawConfig raw = config.load();
        ResolvedConfig resolved;
        try (TecoRuntime rt = runtime.start(ConfigOptions.bundleFolders(raw))) {
            resolved = ConfigValidator.resolve(raw, rt.catalog());
            // What each listed stage would refuse once running is refused here (batch_size 0, num_heads, ...).
            if (!resolved.stages().isEmpty()) {
                new PipelineRunner(rt.catalog(), ProgressFactory.silent()).check(resolved, RunOptions.defaults());
            }
        }
        spec.commandLine().getOut().print(resolved.toYaml());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
