package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.launcher.logging.LogSetup;
import org.tecoplatform.launcher.natives.NativeBuilds;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.Overrides;
import org.tecoplatform.pipeline.config.RawConfig;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.run.PipelineRunner;
import org.tecoplatform.pipeline.run.RunOptions;
import org.tecoplatform.pipeline.run.StageFailedException;
import org.tecoplatform.pipeline.run.StageOutcome;

/** What {@code teco run} and the one-stage commands ({@code teco tokenize}, ...) share: run stages into a folder. */
final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private PipelineRun() {
    }

    /**
     * Runs the config's stages (or only {@code only}) into {@code output} (default runs/<config name>).
     *
     * @param stage when not null, run exactly this stage, whatever the config's stage list says
     */
    static int execute(ConfigOptions config, RuntimeOptions runtime, Path output, List<String> only, boolean force,
                       String stage, PrintWriter console) throws Exception {
        return execute(config, runtime, output, new RunOptions(only, force), stage, console);
    }

    /** As above with every run option (for example redoing a stage without clearing its folder). */
    static int execute(ConfigOptions config, RuntimeOptions runtime, Path output, RunOptions options, String stage,
                       PrintWriter console) throws Exception {
        RawConfig raw = config.load();
        if (stage != null) {
            raw = Overrides.apply(raw, List.of("pipeline.stages=[" + stage + "]"));
        }
        Path out = OutputPaths.folder("-o", output != null ? output : Path.of("runs", baseName(config.config)));
        Files.createDirectories(out);
        LogSetup.logTo(out.resolve("teco.log"));
        LOG.info("Running {} into {}", config.config, out);
        LOG.debug("ND4J native build: {}", NativeBuilds.describe());
        try (TecoRuntime rt = runtime.start(ConfigOptions.bundleFolders(raw))) {
            ResolvedConfig resolved = ConfigValidator.resolve(raw, rt.catalog());
            List<StageOutcome> outcomes = new PipelineRunner(rt.catalog(), ConsoleProgress.onStderr())
                    .run(resolved, out, options);
            summarise(console, outcomes, out, "");
            if (stage != null && outcomes.stream().anyMatch(o -> o.status() == StageOutcome.Status.SKIPPED)) {
                throw new org.tecoplatform.api.BadInputException(outcomes.get(0).detail());
            }
            return ExitCodes.OK;
        } catch (StageFailedException e) {
            summarise(console, e.outcomes(), out, Failures.of(e).message());
            throw e;
        }
    }

    private static void summarise(PrintWriter console, List<StageOutcome> outcomes, Path out, String failure) {
        console.println("Stages:");
        for (StageOutcome o : outcomes) {
            String what = switch (o.status()) {
                case RAN -> String.format(Locale.ROOT, "ran (%.1f s)", o.seconds());
                case DONE_EARLIER -> "done earlier: " + o.detail();
                case SKIPPED -> "skipped: " + o.detail();
                case FAILED -> String.format(Locale.ROOT, "FAILED after %.1f s: %s", o.seconds(), failure);
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
