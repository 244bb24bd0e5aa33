package org.tecoplatform.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.pipeline.config.ConfigLoader;
import org.tecoplatform.pipeline.config.ConfigValidator;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;
import org.tecoplatform.pipeline.run.StageOutcome.Status;

class PipelineRunnerTest {

    @TempDir
    Path dir;

    private final List<String> ran = new ArrayList<>();

    /** A stage that records its run and writes a file into its folder. */
    private Stage writing(String name, boolean fail) {
        return new Stage() {
            @Override
            public void run(StageContext context) throws Exception {
                ran.add(name);
                Files.writeString(context.stageDir().resolve("out.txt"), name + " seed=" + context.config().getInt("seed"));
                if (fail) {
                    throw new IllegalStateException("boom in " + name);
                }
            }
        };
    }

    private ResolvedConfig config(MapPluginCatalog catalog, String stages) {
        return ConfigValidator.resolve(ConfigLoader.parse(dir.resolve("c.yaml"),
                "seed: 5\npipeline:\n  stages: " + stages + "\n"), catalog);
    }

    @Test
    void runsStagesInOrderSkipsMissingOnesAndRecordsTheRun() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", false))
                .add(PluginKind.STAGE, "c", writing("c", false));
        Path run = dir.resolve("run");
        List<StageOutcome> out = new PipelineRunner(catalog, ProgressFactory.silent())
                .run(config(catalog, "[a, b, c]"), run, RunOptions.defaults());

        assertThat(ran).containsExactly("a", "c");
        assertThat(out).extracting(StageOutcome::status).containsExactly(Status.RAN, Status.SKIPPED, Status.RAN);
        assertThat(out.get(1).detail()).contains("no installed bundle provides stage 'b'").contains("installed stages: a, c");
        assertThat(Files.readString(run.resolve("a/out.txt"))).isEqualTo("a seed=5");
        assertThat(Files.readString(run.resolve("config.resolved.yaml"))).contains("seed: 5");
        assertThat(Files.readString(run.resolve("bundles.json"))).contains("\"name\" : \"a\"").contains("\"version\" : \"0.0.0\"");
    }

    @Test
    void finishedStagesAreSkippedOnRerunUnlessForced() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", false));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        runner.run(config(catalog, "[a]"), run, RunOptions.defaults());
        List<StageOutcome> again = runner.run(config(catalog, "[a]"), run, RunOptions.defaults());
        assertThat(again.get(0).status()).isEqualTo(Status.DONE_EARLIER);
        assertThat(ran).containsExactly("a");

        Files.writeString(run.resolve("a/stale.txt"), "left over");
        runner.run(config(catalog, "[a]"), run, new RunOptions(List.of(), true));
        assertThat(ran).containsExactly("a", "a");
        assertThat(run.resolve("a/stale.txt")).doesNotExist();

        Files.writeString(run.resolve("a/earlier.txt"), "kept");
        runner.run(config(catalog, "[a]"), run, new RunOptions(List.of(), true, true));
        assertThat(ran).containsExactly("a", "a", "a");
        assertThat(run.resolve("a/earlier.txt")).as("forced with keep: the folder is not cleared").exists();
    }

    /** A stage that refuses seed 13 in its check and fails when run with seed 7 (a valid config that fails later). */
    private Stage checking(String name) {
        return new Stage() {
            @Override
            public void check(org.tecoplatform.api.Settings config) {
                if (config.getInt("seed") == 13) {
                    throw new BadInputException("seed: expected anything but 13, found 13");
                }
            }

            @Override
            public Set<String> continuedBy() {
                return Set.of("total_steps");
            }

            @Override
            public void run(StageContext context) throws Exception {
                ran.add(name);
                Files.writeString(context.stageDir().resolve("out.txt"), name + " steps=" + context.config().get("total_steps"));
                if (context.config().getInt("seed") == 7) {
                    throw new IllegalStateException("boom in " + name);
                }
            }
        };
    }

    private ResolvedConfig config(MapPluginCatalog catalog, String stages, String more) {
        return ConfigValidator.resolve(ConfigLoader.parse(dir.resolve("c.yaml"),
                "pipeline:\n  stages: " + stages + "\n" + more), catalog);
    }

    @Test
    void aConfigAStageRefusesIsRefusedBeforeAnyStageRunsOrAnythingIsWritten() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", false))
                .add(PluginKind.STAGE, "b", checking("b"));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        runner.run(config(catalog, "[a, b]", "seed: 5\n"), run, RunOptions.defaults());
        String before = Files.readString(run.resolve("config.resolved.yaml"));
        assertThatThrownBy(() -> runner.run(config(catalog, "[a, b]", "seed: 13\n"), run, new RunOptions(List.of(), true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("found 13");
        assertThat(ran).containsExactly("a", "b");
        assertThat(Files.readString(run.resolve("a/out.txt"))).isEqualTo("a seed=5");
        assertThat(Files.readString(run.resolve("config.resolved.yaml"))).isEqualTo(before);
    }

    @Test
    void aForcedStageKeepsItsFinishedOutputAsideAndPutsItBackWhenItFails() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "b", checking("b"));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        runner.run(config(catalog, "[b]", "seed: 5\ntotal_steps: 1\n"), run, RunOptions.defaults());
        assertThatThrownBy(() -> runner.run(config(catalog, "[b]", "seed: 7\ntotal_steps: 1\n"), run, new RunOptions(List.of(), true)))
                .isInstanceOf(StageFailedException.class);
        assertThat(Files.readString(run.resolve("b/out.txt"))).isEqualTo("b steps=1");
        assertThat(run.resolve("b").resolve(StageMarker.FILE)).exists();
        assertThat(PreviousOutput.of(run.resolve("b"))).doesNotExist();

        runner.run(config(catalog, "[b]", "seed: 6\ntotal_steps: 1\n"), run, new RunOptions(List.of(), true));
        assertThat(PreviousOutput.of(run.resolve("b"))).as("removed once the stage finished again").doesNotExist();
    }

    @Test
    void anInterruptedForcedRunKeepsTheFinishedOutputUntilTheStageFinishes() throws Exception {
        Path stage = Files.createDirectories(dir.resolve("run/b"));
        Files.writeString(stage.resolve("out.txt"), "finished");
        StageMarker.write(stage, "h", "c");
        PreviousOutput.setAside(stage);
        Files.createDirectories(stage);
        Files.writeString(stage.resolve("partial.txt"), "killed here");
        // Forced again: the unfinished attempt goes, the finished output stays aside.
        PreviousOutput.setAside(stage);
        assertThat(stage).doesNotExist();
        assertThat(Files.readString(PreviousOutput.of(stage).resolve("out.txt"))).isEqualTo("finished");
        PreviousOutput.restore(stage);
        assertThat(Files.readString(stage.resolve("out.txt"))).isEqualTo("finished");
    }

    @Test
    void onlyAKeyTheStageContinuesByChangedMakesAFinishedStageContinue() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "b", checking("b"));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        runner.run(config(catalog, "[b]", "seed: 5\ntotal_steps: 1\n"), run, RunOptions.defaults());
        List<StageOutcome> longer = runner.run(config(catalog, "[b]", "seed: 5\ntotal_steps: 2\n"), run, RunOptions.defaults());
        assertThat(longer.get(0).status()).isEqualTo(Status.RAN);
        assertThat(Files.readString(run.resolve("b/out.txt"))).isEqualTo("b steps=2");
        List<StageOutcome> other = runner.run(config(catalog, "[b]", "seed: 6\ntotal_steps: 3\n"), run, RunOptions.defaults());
        assertThat(other.get(0).status()).isEqualTo(Status.DONE_EARLIER);
        assertThat(ran).containsExactly("b", "b");
    }

    @Test
    void aFailedStageStopsTheRunAndIsNotMarkedDone() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", true))
                .add(PluginKind.STAGE, "b", writing("b", false));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> runner.run(config(catalog, "[a, b]"), run, RunOptions.defaults()))
                .isInstanceOf(StageFailedException.class).hasMessageContaining("boom in a");
        assertThat(ran).containsExactly("a");
        assertThat(run.resolve("a/out.txt")).exists();
        assertThat(run.resolve("a").resolve(StageMarker.FILE)).doesNotExist();
    }

    @Test
    void stagesOptionRunsASubsetAndRejectsUnknownNames() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", false))
                .add(PluginKind.STAGE, "b", writing("b", false));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        runner.run(config(catalog, "[a, b]"), dir.resolve("run"), new RunOptions(List.of("b"), false));
        assertThat(ran).containsExactly("b");
        assertThatThrownBy(() -> runner.run(config(catalog, "[a, b]"), dir.resolve("run"), new RunOptions(List.of("bb"), false)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'bb'").hasMessageContaining("closest: 'b'");
    }

    @Test
    void aStageThatUsesADatasetNeedsTheConfigToNameOne() {
        Stage needsData = new Stage() {
            @Override
            public Set<PluginKind> uses() {
                return Set.of(PluginKind.DATASET);
            }

            @Override
            public void run(StageContext context) {
                ran.add("x");
            }
        };
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "x", needsData);
        assertThatThrownBy(() -> new PipelineRunner(catalog, ProgressFactory.silent())
                .run(config(catalog, "[x]"), dir.resolve("run"), RunOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("set pipeline.dataset");
        assertThat(ran).isEmpty();
    }

    /** A stage that needs another stage's output. */
    private Stage needing(String name, String need) {
        return new Stage() {
            @Override
            public Set<String> needs(org.tecoplatform.api.Settings config) {
                return Set.of(need);
            }

            @Override
            public void run(StageContext context) {
                ran.add(name);
            }
        };
    }

    @Test
    void aStageWhoseNeededStageWasSkippedIsSkippedToo() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "tokenize", needing("tokenize", "train_tokenizer"));
        List<StageOutcome> out = new PipelineRunner(catalog, ProgressFactory.silent())
                .run(config(catalog, "[train_tokenizer, tokenize]"), dir.resolve("run"), RunOptions.defaults());
        assertThat(out).extracting(StageOutcome::status).containsExactly(Status.SKIPPED, Status.SKIPPED);
        assertThat(out.get(1).detail()).isEqualTo("needs the output of stage 'train_tokenizer', which was skipped");
        assertThat(ran).isEmpty();
    }

    @Test
    void aStageWhoseNeededStageHasNotRunIsBadInputAndRunsOnceItHas() throws Exception {
        MapPluginCatalog catalog = new MapPluginCatalog().add(PluginKind.STAGE, "a", writing("a", false))
                .add(PluginKind.STAGE, "b", needing("b", "a"));
        PipelineRunner runner = new PipelineRunner(catalog, ProgressFactory.silent());
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> runner.run(config(catalog, "[b, a]"), run, RunOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("stage 'b' needs the output of stage 'a'").hasMessageContaining("list 'a' before 'b'");
        runner.run(config(catalog, "[a]"), run, RunOptions.defaults());
        runner.run(config(catalog, "[b]"), run, RunOptions.defaults());
        assertThat(ran).containsExactly("a", "b");
    }
}
