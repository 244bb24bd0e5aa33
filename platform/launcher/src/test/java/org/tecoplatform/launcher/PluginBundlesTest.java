package org.tecoplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.launcher.CliTestSupport.teco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.launcher.CliTestSupport.Result;
import org.tecoplatform.launcher.cli.ExitCodes;

/**
 * The CLI over the real Felix framework with plugin bundles built here the way an outside team
 * builds them (javac + bnd against teco-api): the example plugin from examples/, a bundle whose
 * activator throws, and one whose component throws on activation.
 */
class PluginBundlesTest {

    @TempDir
    static Path work;

    static Path plugins;
    static Path broken;
    static Path empty;

    @BeforeAll
    static void buildBundles() throws Exception {
        plugins = work.resolve("plugins");
        broken = work.resolve("broken");
        empty = Files.createDirectories(work.resolve("no-default-bundles"));
        System.setProperty("teco.bundles", empty.toString());
        TestBundleBuilder.build(work, "com.example.tiny",
                TestBundleBuilder.sourcesIn(Path.of("../../examples/plugin-tiny-dataset/src/main/java")), plugins);
        Map<String, String> brokenSources = TestBundleBuilder.sourcesIn(Path.of("src/test/plugins/broken"));
        TestBundleBuilder.build(work, "com.example.broken.activator",
                Map.of("com.example.broken.ThrowingActivator", brokenSources.get("com.example.broken.ThrowingActivator")),
                broken, Map.of("Bundle-Activator", "com.example.broken.ThrowingActivator"));
        TestBundleBuilder.build(work, "com.example.broken.component",
                Map.of("com.example.explodes.ExplodingMetric", brokenSources.get("com.example.explodes.ExplodingMetric")),
                broken);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("teco.bundles");
    }

    private Path config(String name, String yaml) throws Exception {
        Path f = work.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void bundlesListsTheExternalPluginAndTheFailuresWithTheirCauses() {
        Result r = teco("bundles", "--bundles", plugins.toString(), "--bundles", broken.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).containsPattern("dataset\\s+tiny\\s+com.example.tiny\\s+1.2.3\\s+active")
                .containsPattern("stage\\s+count-frames\\s+com.example.tiny\\s+1.2.3\\s+active")
                .containsPattern("-\\s+-\\s+com.example.broken.activator\\s+1.2.3\\s+failed")
                .contains("activator boom")
                .containsPattern("metric\\s+explodes\\s+com.example.broken.component\\s+1.2.3\\s+failed")
                .contains("component boom");
    }

    @Test
    void bundlesJsonIsMachineReadable() throws Exception {
        Result r = teco("bundles", "--json", "--bundles", plugins.toString(), "--bundles", broken.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertThat(list).hasSize(3);
        JsonNode tiny = list.findParents("symbolicName").stream()
                .filter(n -> n.get("symbolicName").asText().equals("com.example.tiny")).findFirst().orElseThrow();
        assertThat(tiny.get("state").asText()).isEqualTo("active");
        assertThat(tiny.get("plugins").findValuesAsText("name")).containsExactlyInAnyOrder("tiny", "count-frames");
    }

    @Test
    void aConfigUsesTheDroppedInPluginWhileABrokenBundleSitsBesideIt() throws Exception {
        Path cfg = config("tiny.yaml", """
                seed: 1
                pipeline:
                  dataset: tiny
                  stages: [count-frames, train]
                tiny:
                  episodes: 5
                """);
        Path out = work.resolve("run-tiny");
        Result r = teco("run", cfg.toString(), "-o", out.toString(), "--bundles", plugins.toString(),
                "--bundles", broken.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out.resolve("count-frames/frames.txt"))).isEqualTo("20");
        assertThat(r.out()).contains("count-frames").contains("ran")
                .contains("train").contains("skipped: no installed bundle provides stage 'train'");
        assertThat(Files.readString(out.resolve("config.resolved.yaml"))).contains("length: 4").contains("episodes: 5");
        assertThat(Files.readString(out.resolve("bundles.json"))).contains("com.example.tiny").contains("1.2.3");
        assertThat(Files.readString(out.resolve("teco.log"))).contains("Stage count-frames: finished");

        Result again = teco("run", cfg.toString(), "-o", out.toString(), "--bundles", plugins.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("done earlier");
    }

    @Test
    void aDatasetNoBundleProvidesExits2AndListsTheInstalledOnes() throws Exception {
        Path cfg = config("nope.yaml", "pipeline:\n  dataset: dmlab_v9\n  stages: [count-frames]\n");
        Result r = teco("run", cfg.toString(), "-o", work.resolve("run-nope").toString(), "--bundles", plugins.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no bundle provides dataset 'dmlab_v9'; installed datasets: tiny");
    }

    @Test
    void anUnknownKeyExits2NamingTheClosestKnownKey() throws Exception {
        Path cfg = config("typo.yaml", "seed: 1\nbatchsize: 8\npipeline:\n  stages: [count-frames]\n");
        Result r = teco("run", cfg.toString(), "-o", work.resolve("run-typo").toString(), "--bundles", plugins.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("typo.yaml:2").contains("unknown key 'batchsize'")
                .contains("closest known key: 'batch_size'");
    }

    @Test
    void configShowPrintsTheResolvedConfigWithOverrides() throws Exception {
        Path cfg = config("show.yaml", "seed: 1\npipeline:\n  dataset: tiny\n");
        Result r = teco("config", "show", cfg.toString(), "--set", "seed=7", "--set", "tiny.size=16",
                "--bundles", plugins.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("seed: 7").contains("size: 16").contains("length: 4");
    }

    @Test
    void aOneStageCommandRunsJustThatStageAndFailsWhenNoBundleProvidesIt() throws Exception {
        Path cfg = config("one.yaml", "pipeline:\n  dataset: tiny\n  stages: [count-frames]\n");
        Result r = teco("tokenize", cfg.toString(), "-o", work.resolve("run-one").toString(), "--bundles", plugins.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no installed bundle provides stage 'tokenize'");
        assertThat(work.resolve("run-one/count-frames")).doesNotExist();
    }

    @Test
    void usageErrorsExit2WithAHint() {
        Result r = teco("run", "some.yaml", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--no-such-option");
        Result missing = teco("run", work.resolve("missing.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("missing.yaml does not exist");
    }
}
