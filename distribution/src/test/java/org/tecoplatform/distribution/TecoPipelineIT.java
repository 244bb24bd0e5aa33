package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.distribution.TecoProcess.Result;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/**
 * The quickstart's whole pipeline through the assembled distribution with a model of seconds:
 * maze → tokenizer → tokens → TECO training → sampling → evaluation → report, and the commands
 * around it: teco train killed and run again, teco sample with and without the cache, teco eval,
 * teco model summary, and the checks that refuse bad input before training.
 */
class TecoPipelineIT {

    /** Sizes that make every stage take seconds (the model keeps the quickstart's shapes otherwise). */
    static final List<String> TINY = List.of("maze.train_episodes=3", "maze.test_episodes=2", "maze.episode_length=20",
            "train_tokenizer.steps=2", "train_tokenizer.batch_size=2", "train_tokenizer.channels=8", "train_tokenizer.eval_frames=4",
            "train_tokenizer.warmup=1", "tokenize.workers=1", "total_steps=3", "warmup_steps=0", "save_interval=2", "log_interval=1",
            "batch_size=2", "z_tfm_kwargs.num_layers=1", "z_git.tfm_kwargs.num_layers=1", "eval_seq_len=20", "sample.n=2",
            "sample.batch=2", "T_draft=2", "T_revise=2", "M=1");

    @TempDir
    static Path work;
    static Path run;
    static Result first;

    static String[] args(List<String> head, List<String> sets) {
        List<String> a = new ArrayList<>(head);
        for (String s : sets) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    static String config() {
        return TecoProcess.dist().resolve("configs/quickstart.yaml").toString();
    }

    @BeforeAll
    static void runTheQuickstartPipeline() throws Exception {
        run = work.resolve("run");
        first = TecoProcess.run(work, args(List.of("run", config(), "-o", run.toString()), TINY));
    }

    @Test
    void everyStageRunsAndWritesWhatTheNextOneReads() throws Exception {
        assertThat(first.exitCode()).as(first.toString()).isZero();
        for (String stage : List.of("data", "train_tokenizer", "tokenize", "train", "sample", "eval", "report")) {
            assertThat(first.out()).containsPattern(stage + "\\s+ran");
        }
        List<String> metrics = Files.readAllLines(run.resolve("train/metrics.csv"));
        assertThat(metrics).hasSize(4);
        assertThat(metrics.get(0)).startsWith("step,lr,loss,recon_loss");
        Path ckpt = run.resolve("train/checkpoints/step_000000000003");
        for (String f : List.of("params.npz", "optimizer.npz", "config.yaml", "onnx/observe.onnx", "onnx/temporal.onnx",
                "onnx/temporal_step.onnx", "onnx/lookup.onnx", "onnx/prior.onnx", "onnx/decoder.onnx", "onnx/model.json")) {
            assertThat(ckpt.resolve(f)).as(f).exists();
        }
        assertThat(Files.readString(ckpt.resolve("config.yaml"))).contains("z_tfm_kwargs").contains("maskgit");
        try (NpzReader npz = NpzReader.open(run.resolve("sample/samples_4/data_0.npz"))) {
            NpyArray real = npz.read("real");
            NpyArray fake = npz.read("fake");
            assertThat(real.shape()).containsExactly(2, 20, 64, 64, 3);
            assertThat(fake.shape()).containsExactly(2, 20, 64, 64, 3);
            byte[] r = real.toUint8();
            byte[] f = fake.toUint8();
            int frame = 64 * 64 * 3;
            for (int v = 0; v < 2; v++) {
                int at = v * 20 * frame;
                assertThat(java.util.Arrays.copyOfRange(f, at, at + 4 * frame)).as("context of video %d", v)
                        .isEqualTo(java.util.Arrays.copyOfRange(r, at, at + 4 * frame));
            }
        }
        assertThat(run.resolve("sample/samples.gif")).isNotEmptyFile();
        JsonNode eval = new ObjectMapper().readTree(run.resolve("eval/eval.json").toFile());
        assertThat(eval.at("/samples_4/metrics/psnr/per_frame").size()).isEqualTo(16);
        assertThat(eval.at("/samples_4/metrics/ssim/mean").isNumber()).isTrue();
        assertThat(eval.at("/samples_4/baseline/metrics/ssim/mean").isNumber()).isTrue();
        String html = Files.readString(run.resolve("report/index.html"));
        assertThat(html).contains("data:image/gif;base64,").contains("<svg").contains("psnr").contains("ssim");
    }

    @Test
    void samplingWithoutTheCacheGivesTheSameVideos() throws Exception {
        Path nocache = work.resolve("nocache");
        Result r = TecoProcess.run(work, "sample", run.toString(), "--no-cache", "-o", nocache.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        try (NpzReader a = NpzReader.open(run.resolve("sample/samples_4/data_0.npz"));
             NpzReader b = NpzReader.open(nocache.resolve("samples_4/data_0.npz"))) {
            assertThat(b.read("fake").toUint8()).isEqualTo(a.read("fake").toUint8());
            assertThat(b.read("real").toUint8()).isEqualTo(a.read("real").toUint8());
        }
        Path otherSeed = work.resolve("seed9");
        Result s = TecoProcess.run(work, "sample", run.toString(), "--seed", "9", "-o", otherSeed.toString());
        assertThat(s.exitCode()).as(s.toString()).isZero();
        try (NpzReader a = NpzReader.open(run.resolve("sample/samples_4/data_0.npz"));
             NpzReader b = NpzReader.open(otherSeed.resolve("samples_4/data_0.npz"))) {
            assertThat(b.read("fake").toUint8()).isNotEqualTo(a.read("fake").toUint8());
        }
    }

    @Test
    void evalScoresASamplesFolderFromTheCommandLine() throws Exception {
        Path json = work.resolve("eval-cli.json");
        Result r = TecoProcess.run(work, "eval", run.resolve("sample/samples_4").toString(), "--metrics", "psnr,ssim", "--json",
                json.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("psnr").contains("ssim");
        assertThat(new ObjectMapper().readTree(json.toFile()).at("/metrics/psnr/mean").isNumber()).isTrue();
    }

    @Test
    void trainKilledMidRunAndStartedAgainMatchesAnUninterruptedRun() throws Exception {
        List<String> sets = new ArrayList<>(TINY);
        sets.addAll(List.of("total_steps=8", "save_interval=2"));
        Path whole = copyOfTokens("whole");
        Result w = TecoProcess.run(work, args(List.of("train", config(), "-o", whole.toString()), sets));
        assertThat(w.exitCode()).as(w.toString()).isZero();

        Path killed = copyOfTokens("killed");
        List<String> cmd = new ArrayList<>(List.of(TecoProcess.dist().resolve("bin/teco").toString()));
        cmd.addAll(List.of(args(List.of("train", config(), "-o", killed.toString()), sets)));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("killed.log").toFile()).start();
        Path checkpoint = killed.resolve("train/checkpoints/step_000000000004");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        assertThat(checkpoint).as(Files.readString(work.resolve("killed.log"))).exists();
        assertThat(killed.resolve("train/.teco-stage-done")).doesNotExist();

        Result again = TecoProcess.run(work, args(List.of("train", config(), "-o", killed.toString()), sets));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(killed.resolve("train/train.json").toFile());
        assertThat(summary.get("resumed_from_step").asLong()).isBetween(4L, 7L);
        List<String> a = Files.readAllLines(whole.resolve("train/metrics.csv"));
        List<String> b = Files.readAllLines(killed.resolve("train/metrics.csv"));
        assertThat(b).hasSameSizeAs(a).hasSize(9);
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertThat(y[0]).isEqualTo(x[0]);
            for (int c = 2; c <= 7; c++) {
                double u = Double.parseDouble(x[c]);
                assertThat(Double.parseDouble(y[c])).as("%s column %d", a.get(i), c).isCloseTo(u,
                        org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(u))));
            }
        }
    }

    @Test
    void badShapesAndAnotherTokenizersCacheAreRefusedBeforeTraining() throws Exception {
        Path dir = copyOfTokens("bad");
        Result nCond = TecoProcess.run(work, args(List.of("train", config(), "-o", dir.toString()),
                concat(TINY, "n_cond=16")));
        assertThat(nCond.exitCode()).as(nCond.toString()).isEqualTo(2);
        assertThat(nCond.err() + nCond.out()).contains("n_cond").contains("seq_len");
        Result zds = TecoProcess.run(work, args(List.of("train", config(), "-o", dir.toString()), concat(TINY, "z_ds=3")));
        assertThat(zds.exitCode()).as(zds.toString()).isEqualTo(2);
        assertThat(zds.err() + zds.out()).contains("z_ds 3");
        // Another tokenizer: its metadata differs, so its id does not match the one the cache records.
        Files.writeString(dir.resolve("train_tokenizer/tokenizer/tokenizer.json"), "\n", StandardOpenOption.APPEND);
        Result other = TecoProcess.run(work, args(List.of("train", config(), "-o", dir.toString()), TINY));
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
        assertThat(other.err() + other.out()).contains("tokenizer");
        assertThat(dir.resolve("train/checkpoints")).doesNotExist();
    }

    @Test
    void modelSummaryCountsDmlabsParametersPerComponent() throws Exception {
        Result r = TecoProcess.run(work, "model", "summary", TecoProcess.dist().resolve("configs/dmlab.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("z_tfm").contains("102,871,040").contains("prior").contains("26,046,464")
                .contains("172,155,056");
    }

    /** The second prior by one line, at MaskGit's DMLab size: its own section, counted under the same component name. */
    @Test
    void modelSummaryCountsTheAutoregressivePrior() throws Exception {
        Result r = TecoProcess.run(work, "model", "summary", TecoProcess.dist().resolve("configs/dmlab.yaml").toString(),
                "--set", "pipeline.prior=autoregressive", "--set", "autoregressive.vocab_dim=256", "--set", "autoregressive.embed_dim=512",
                "--set", "autoregressive.mlp_dim=2048", "--set", "autoregressive.num_heads=8", "--set", "autoregressive.num_layers=8");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("prior: autoregressive").contains("26,467,584").contains("172,576,176");
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    /** A new run folder holding the first run's tokenizer and token cache (with their done markers). */
    private static Path copyOfTokens(String name) throws IOException {
        Path dir = work.resolve(name);
        for (String stage : List.of("train_tokenizer", "tokenize")) {
            Path from = run.resolve(stage);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path to = dir.resolve(stage).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        Files.writeString(dir.resolve("note.txt"), "copied from " + run + "\n", StandardCharsets.UTF_8);
        return dir;
    }
}
