package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.distribution.TecoProcess.Result;
import org.tecoplatform.npz.NpzReader;

/**
 * The assembled distribution, run as a user runs it: bin/teco from another working folder, the
 * real Felix framework, the real built bundles from bundles/.
 */
class DistributionIT {

    @TempDir
    Path work;

    @Test
    void layoutIsComplete() {
        Path d = TecoProcess.dist();
        assertThat(d.resolve("bin/teco")).isExecutable();
        assertThat(d.resolve("lib/framework")).isDirectoryContaining("glob:**/org.apache.felix.scr-*.jar");
        assertThat(d.resolve("lib")).isDirectoryContaining("glob:**/teco-launcher.jar")
                .isDirectoryContaining("glob:**/teco-api-*.jar").isDirectoryContaining("glob:**/onnxruntime-*.jar");
        assertThat(d.resolve("bundles")).isDirectoryContaining("glob:**/dataset-maze-*.jar")
                .isDirectoryContaining("glob:**/stage-data-*.jar");
        assertThat(d.resolve("configs/quickstart.yaml")).exists();
        assertThat(d.getParent().resolve("teco-" + System.getProperty("teco.version", "0.1.0-SNAPSHOT") + ".tar.gz")).exists();
    }

    @Test
    void helpAndVersionWorkFromAnyFolder() throws Exception {
        Result help = TecoProcess.run(work, "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: teco").contains("bundles").contains("run").contains("Exit codes");
        Result version = TecoProcess.run(work, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("teco 0.1.0").contains("Apache Felix 7.");
    }

    @Test
    void theJvmStartsWithOnlyTheLauncherJarOnItsClassPath() throws Exception {
        // ONNX Runtime 1.29 crashes the JVM when java.class.path exceeds ~5,000 characters: lib/* in a deep
        // install folder gets there, so the launcher's manifest names the other jars instead.
        Result r = TecoProcess.run(work, java.util.Map.of("TECO_JAVA_OPTS", "-XshowSettings:properties"), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("java.class.path = " + TecoProcess.dist().resolve("lib/teco-launcher.jar").toRealPath());
    }

    @Test
    void bundlesListsTheShippedPlugins() throws Exception {
        Result r = TecoProcess.run(work, "bundles", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertThat(list.findValuesAsText("name")).contains("maze", "dmlab", "minecraft", "habitat", "kinetics", "data", "vqgan-onnx",
                "train_tokenizer", "tokenize", "train", "sample", "eval", "report", "maskgit", "autoregressive", "psnr", "ssim");
        assertThat(list.findValuesAsText("state")).containsOnly("active");
    }

    @Test
    void quickstartsFirstStagesRunDataTokenizerTrainingAndTokenizingThroughTheFramework() throws Exception {
        Path out = work.resolve("run");
        Result r = TecoProcess.run(work, "run", TecoProcess.dist().resolve("configs/quickstart.yaml").toString(),
                "-o", out.toString(), "--set", "maze.train_episodes=3", "--set", "maze.test_episodes=2",
                "--set", "maze.episode_length=12", "--set", "train_tokenizer.steps=2", "--set", "train_tokenizer.batch_size=2",
                "--set", "train_tokenizer.channels=8", "--set", "train_tokenizer.eval_frames=4", "--set", "train_tokenizer.warmup=1",
                "--set", "tokenize.workers=1", "--set", "pipeline.stages=[data, train_tokenizer, tokenize]");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("Added differentiated op")
                .containsPattern("data\\s+ran").containsPattern("train_tokenizer\\s+ran")
                .containsPattern("tokenize\\s+ran");
        assertThat(out.resolve("train_tokenizer/tokenizer/encoder.onnx")).exists();
        assertThat(out.resolve("tokenize/tokens-train.index")).exists();
        try (Stream<Path> files = Files.list(out.resolve("data/train/maze"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".npz")).count()).isEqualTo(3);
        }
        Path first;
        try (Stream<Path> files = Files.list(out.resolve("data/test/maze"))) {
            first = files.sorted().findFirst().orElseThrow();
        }
        try (NpzReader npz = NpzReader.open(first)) {
            assertThat(npz.read("video").shape()).containsExactly(12, 64, 64, 3);
            assertThat(npz.read("actions").shape()).containsExactly(12);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("data/summary.json").toFile());
        assertThat(summary.at("/splits/train/frames").asLong()).isEqualTo(36);
        assertThat(Files.readString(out.resolve("bundles.json"))).contains("org.tecoplatform.dataset-maze");
        assertThat(out.resolve("teco.log")).exists();
    }

    @Test
    void dataMazeWritesWhatTheDmlabReaderAcceptsAndTheSameSeedGivesIdenticalFiles() throws Exception {
        Path a = work.resolve("maze-a");
        Path b = work.resolve("maze-b");
        for (Path out : List.of(a, b)) {
            Result r = TecoProcess.run(work, "data", "maze", "--out", out.toString(), "--train", "2", "--test", "1",
                    "--seed", "7");
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        Result inspect = TecoProcess.run(work, "data", "inspect", "--dataset", "dmlab", "--path", a.toString(), "--json");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(inspect.out());
        assertThat(summary.at("/splits/train/episodes").asInt()).isEqualTo(2);
        assertThat(summary.at("/splits/train/frames").asLong()).isEqualTo(600);
        assertThat(summary.at("/height").asInt()).isEqualTo(64);

        List<Path> filesA = files(a);
        // Two train and one test episode, summary.json, and the options that made them (.teco-maze-options).
        assertThat(filesA).hasSize(5).contains(Path.of(".teco-maze-options"));
        assertThat(files(b)).isEqualTo(filesA);
        for (Path rel : filesA) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
        }
        Result other = TecoProcess.run(work, "data", "maze", "--out", work.resolve("maze-c").toString(), "--train", "2",
                "--test", "1", "--seed", "8");
        assertThat(other.exitCode()).isZero();
        assertThat(Files.readAllBytes(work.resolve("maze-c").resolve(filesA.get(0))))
                .isNotEqualTo(Files.readAllBytes(a.resolve(filesA.get(0))));
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void tokenizeEncodesMazeEpisodesWithTheVqganOnnxTokenizerInsideTheFramework() throws Exception {
        Path tokenizer = Path.of("../bundles/tokenizer-vqgan-onnx/src/test/resources/vqgan-tiny").toAbsolutePath();
        Path cfg = work.resolve("tok.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 1",
                "image_size: 32",
                "vqvae_ckpt: " + tokenizer,
                "pipeline:",
                "  dataset: maze",
                "  tokenizer: vqgan-onnx",
                "  stages: [data, tokenize]",
                "maze:",
                "  train_episodes: 3",
                "  test_episodes: 1",
                "  episode_length: 10",
                ""));
        Path out = work.resolve("tok-run");
        Result r = TecoProcess.run(work, "tokenize", cfg.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("tokenize\\s+ran").doesNotContain("data ");
        JsonNode report = new ObjectMapper().readTree(out.resolve("tokenize/tokenize.json").toFile());
        assertThat(report.toString()).contains("\"episodes\":3").contains("sha256:");
        try (Stream<Path> files = Files.list(out.resolve("tokenize"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .contains("tokens-train.index", "tokens-test.index", "tokens-train-00000.arrow");
        }
    }

    @Test
    void aDatasetNoBundleProvidesExits2ListingTheInstalledDatasets() throws Exception {
        Result r = TecoProcess.run(work, "run", TecoProcess.dist().resolve("configs/quickstart.yaml").toString(),
                "-o", work.resolve("x").toString(), "--set", "pipeline.dataset=mazes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no bundle provides dataset 'mazes'; installed datasets: dmlab, habitat, kinetics, maze, minecraft");
    }
}
