package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.launcher.logging.LogSetup;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.RawConfig;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.run.PipelineRunner;
import org.tecoplatform.pipeline.run.RunOptions;
import org.tecoplatform.pipeline.run.StageFailedException;
import org.tecoplatform.pipeline.run.StageOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco run}: the config's stages, in order, into one output folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the stages a config lists (pipeline.stages), each writing under OUTPUT/<stage>.",
            "Finished stages are skipped on a re-run; an interrupted stage continues where it can.",
            "OUTPUT also gets config.resolved.yaml, bundles.json (plugin bundles and versions used) and teco.log.",
            "",
            "Examples:",
            "  teco run configs/quickstart.yaml -o runs/quickstart",
            "  teco run configs/dmlab.yaml -o runs/dmlab --set data_path=/data/dmlab --stages tokenize,train"})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output folder (default: runs/<config name>).")
    Path output;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "Run only these stages of the config's list (comma-separated).")
    List<String> stages = new ArrayList<>();

    @Option(names = "--force", description = "Redo finished stages (their folders are cleared first).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RawConfig raw = config.load();
        Path out = (output != null ? output : Path.of("runs", baseName(config.config))).toAbsolutePath().normalize();
        Files.createDirectories(out);
        LogSetup.logTo(out.resolve("teco.log"));
        LOG.info("Running {} into {}", config.config, out);
        PrintWriter console = spec.commandLine().getOut();
        try (TecoRuntime rt = runtime.start(ConfigOptions.bundleFolders(raw))) {
            ResolvedConfig resolved = ConfigValidator.resolve(raw, rt.catalog());
            List<StageOutcome> outcomes = new PipelineRunner(rt.catalog(), ConsoleProgress.onStderr())
                    .run(resolved, out, new RunOptions(stages, force));
            summarise(console, outcomes, out);
            return ExitCodes.OK;
        } catch (StageFailedException e) {
            summarise(console, e.outcomes(), out);
            throw e;
        }
    }

    private static void summarise(PrintWriter console, List<StageOutcome> outcomes, Path out) {
        console.println("Stages:");
        for (StageOutcome o : outcomes) {
            String what = switch (o.status()) {
                case RAN -> String.format(Locale.ROOT, "ran (%.1f s)", o.seconds());
                case DONE_EARLIER -> "done earlier: " + o.detail();
                case SKIPPED -> "skipped: " + o.detail();
                case FAILED -> String.format(Locale.ROOT, "FAILED after %.1f s: %s", o.seconds(), o.detail());
            };
            console.printf("  %-16s %s%n", o.stage(), what);
        }
        console.println("Outputs: " + out);
        console.flush();
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
