package org.tecoplatform.pipeline.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Stage;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.config.Suggestions;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import org.tecoplatform.pipeline.plugins.PluginInfo;

/**
 * Runs a config's stages in order, each writing under {@code runDir/<stage>}. A finished stage
 * is skipped on a re-run unless forced; a stage no installed bundle provides is skipped with the
 * reason; the first failing stage stops the run (its folder keeps what it wrote, unmarked).
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final PluginCatalog catalog;
    private final ProgressFactory progress;

    public PipelineRunner(PluginCatalog catalog, ProgressFactory progress) {
        this.catalog = catalog;
        this.progress = progress;
    }

    /**
     * Checks everything about the command that can be checked without running a stage: the stage
     * selection, the plugins each stage uses, and each stage's own {@link Stage#check} of the config.
     * Nothing is written.
     *
     * @return the stages that will run, in order
     */
    public List<String> check(ResolvedConfig config, RunOptions options) {
        List<String> stages = selectStages(config, options);
        checkUses(config, stages);
        for (String name : stages) {
            catalog.find(Stage.class, name).ifPresent(stage -> stage.check(config.settings()));
        }
        return stages;
    }

    public List<StageOutcome> run(ResolvedConfig config, Path runDir, RunOptions options) throws Exception {
        // The whole command is validated before anything on disk changes (a refused --force must not cost a stage's output).
        List<String> stages = check(config, options);
        Set<String> installedStages = new LinkedHashSet<>();
        catalog.plugins(PluginKind.STAGE).forEach(p -> installedStages.add(p.name()));

        Files.createDirectories(runDir);
        RunRecord.write(runDir, config, pluginsUsed(config, stages));
        String hash = hash(config.toYaml());

        List<StageOutcome> outcomes = new ArrayList<>();
        for (String name : stages) {
            Optional<Stage> stage = catalog.find(Stage.class, name);
            if (stage.isEmpty()) {
                String reason = "no installed bundle provides stage '" + name + "'"
                        + (installedStages.isEmpty() ? "" : " (installed stages: " + String.join(", ", installedStages) + ")");
                LOG.warn("Skipping stage {}: {}", name, reason);
                outcomes.add(new StageOutcome(name, StageOutcome.Status.SKIPPED, reason, 0));
                continue;
            }
            Optional<String> blocked = blockedBy(stage.get(), name, config, runDir, outcomes);
            if (blocked.isPresent()) {
                LOG.warn("Skipping stage {}: {}", name, blocked.get());
                outcomes.add(new StageOutcome(name, StageOutcome.Status.SKIPPED, blocked.get(), 0));
                continue;
            }
            Path dir = runDir.resolve(name);
            Optional<String> done = StageMarker.read(dir);
            String continueHash = continueHash(config, stage.get());
            if (done.isPresent() && !options.force() && !done.get().equals(hash)
                    && !stage.get().continuedBy().isEmpty() && StageMarker.readContinue(dir).orElse("").equals(continueHash)) {
                // Only keys that let the stage continue changed (a larger total_steps): it goes on from where it stopped.
                LOG.info("Stage {}: continuing from where it finished ({} changed)", name, String.join(", ", stage.get().continuedBy()));
                StageMarker.clear(dir);
                done = Optional.empty();
            }
            if (done.isPresent() && !options.force()) {
                String detail = done.get().equals(hash) ? "finished earlier; --force redoes it"
                        : "finished earlier with a different config; --force redoes it";
                LOG.info("Stage {}: {}", name, detail);
                outcomes.add(new StageOutcome(name, StageOutcome.Status.DONE_EARLIER, detail, 0));
                continue;
            }
            boolean replacing = options.force() && !options.keep();
            if (replacing) {
                PreviousOutput.setAside(dir);
            }
            Files.createDirectories(dir);
            LOG.info("Stage {}: starting ({})", name, stage.get().description());
            long start = System.nanoTime();
            try {
                stage.get().run(new DefaultStageContext(name, config, catalog, runDir, options.force(), progress));
            } catch (Exception | Error e) {
                double secs = (System.nanoTime() - start) / 1e9;
                // The console shows the message once (the CLI's error line); teco.log gets the class and stack.
                LOG.error("Stage {} failed after {} s", name, String.format("%.1f", secs), e);
                outcomes.add(new StageOutcome(name, StageOutcome.Status.FAILED, String.valueOf(e.getMessage()), secs));
                if (replacing) {
                    PreviousOutput.restore(dir);
                }
                throw new StageFailedException(name, outcomes, e);
            }
            StageMarker.write(dir, hash, continueHash);
            PreviousOutput.finished(dir);
            double secs = (System.nanoTime() - start) / 1e9;
            LOG.info("Stage {}: finished in {} s", name, String.format("%.1f", secs));
            outcomes.add(new StageOutcome(name, StageOutcome.Status.RAN, "", secs));
        }
        return outcomes;
    }

    /**
     * Why a stage cannot run yet: a stage it needs was skipped in this run (a reason to skip it
     * too), or has not run at all (bad input: the user must run it first or change the config).
     */
    private static Optional<String> blockedBy(Stage stage, String name, ResolvedConfig config, Path runDir,
                                              List<StageOutcome> outcomes) throws java.io.IOException {
        for (String need : stage.needs(config.settings())) {
            Optional<StageOutcome> earlier = outcomes.stream().filter(o -> o.stage().equals(need)).findFirst();
            if (earlier.isPresent() && earlier.get().status() == StageOutcome.Status.SKIPPED) {
                return Optional.of("needs the output of stage '" + need + "', which was skipped");
            }
            if (earlier.isEmpty() && StageMarker.read(runDir.resolve(need)).isEmpty()) {
                throw new BadInputException("stage '" + name + "' needs the output of stage '" + need + "' ("
                        + runDir.resolve(need) + "), which has not run: list '" + need + "' before '" + name
                        + "' in pipeline.stages or run it first");
            }
        }
        return Optional.empty();
    }

    private List<String> selectStages(ResolvedConfig config, RunOptions options) {
        List<String> stages = config.stages();
        if (stages.isEmpty()) {
            throw new BadInputException("the config names no stages: set pipeline.stages (for example [data, train])");
        }
        if (options.only().isEmpty()) {
            return stages;
        }
        for (String s : options.only()) {
            if (!stages.contains(s)) {
                throw new BadInputException("--stages names '" + s + "', which is not in the config's pipeline.stages "
                        + stages + Suggestions.closest(s, stages).map(c -> " (closest: '" + c + "')").orElse(""));
            }
        }
        return stages.stream().filter(options.only()::contains).toList();
    }

    /** Every stage that will run must find the plugin kinds it uses named in the config. */
    private void checkUses(ResolvedConfig config, List<String> stages) {
        for (String name : stages) {
            Optional<Stage> stage = catalog.find(Stage.class, name);
            if (stage.isEmpty()) {
                continue;
            }
            for (PluginKind kind : stage.get().uses()) {
                if (config.settings().get("pipeline." + kind.configKey()) == null) {
                    throw new BadInputException("stage '" + name + "' uses a " + kind.label()
                            + " but the config does not name one: set pipeline." + kind.configKey()
                            + " (installed: " + String.join(", ", catalog.plugins(kind).stream().map(PluginInfo::name).toList()) + ")");
                }
            }
        }
    }

    private List<PluginInfo> pluginsUsed(ResolvedConfig config, List<String> stages) {
        List<PluginInfo> used = new ArrayList<>();
        addIfPresent(used, PluginKind.DATASET, config.dataset());
        addIfPresent(used, PluginKind.TOKENIZER, config.tokenizer());
        addIfPresent(used, PluginKind.PRIOR, config.prior());
        config.metrics().forEach(m -> addIfPresent(used, PluginKind.METRIC, m));
        stages.forEach(s -> addIfPresent(used, PluginKind.STAGE, s));
        return used;
    }

    private void addIfPresent(List<PluginInfo> used, PluginKind kind, String name) {
        if (name != null) {
            catalog.info(kind, name).ifPresent(used::add);
        }
    }

    /** The hash of the config with the keys that let {@code stage} continue left out. */
    private static String continueHash(ResolvedConfig config, Stage stage) {
        ResolvedConfig without = config;
        for (String key : new java.util.TreeSet<>(stage.continuedBy())) {
            without = without.with(key, null);
        }
        return hash(without.toYaml());
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
