package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.distribution.TecoProcess.Result;

/**
 * Bad or edge input through the assembled {@code bin/teco}, as a hostile but fair user would give it:
 * each is refused with its exit code and a message naming the file or key, what was expected and
 * what was found; the console never shows a stack trace or an exception's class; and nothing an
 * earlier command wrote changes. One tiny trained run (seconds) serves every case; a case that
 * damages files works on its own copy.
 */
class BadInputIT {

    @TempDir
    static Path work;
    /** data, train_tokenizer, tokenize and train of the tiny quickstart, finished. */
    static Path trained;
    static Result first;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        trained = work.resolve("trained");
        first = TecoProcess.run(work, TecoPipelineIT.args(List.of("run", TecoPipelineIT.config(), "-o", trained.toString(),
                "--stages", "data,train_tokenizer,tokenize,train"), TecoPipelineIT.TINY));
        assertThat(first.exitCode()).as(first.toString()).isZero();
    }

    /** {@code teco run} of the tiny config into {@code dir} with {@code extra} arguments (--set pairs, --force, ...). */
    static Result run(Path dir, String... extra) throws Exception {
        // The tiny sizes first, so that a --set among the extra arguments overrides them.
        List<String> all = new ArrayList<>(List.of(TecoPipelineIT.args(List.of("run", TecoPipelineIT.config(), "-o", dir.toString()),
                TecoPipelineIT.TINY)));
        all.addAll(List.of(extra));
        return TecoProcess.run(work, all.toArray(String[]::new));
    }

    /** The command was refused with {@code exitCode}, its message holds every part, and no stack trace or class name shows. */
    static void refused(Result r, int exitCode, String... parts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        String console = r.out() + r.err();
        assertThat(console).as(r.toString()).contains(parts);
        assertThat(console).as(r.toString()).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
                .doesNotContainPattern("\\b(java|org|picocli)\\.[\\w.]*(Exception|Error)\\b")
                .doesNotContain("Could not invoke");
    }

    // ---- 4: messages without exception classes ----

    @Test
    void aStageFailureShowsOnlyItsMessage() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("stage-message"));
        Files.delete(dir.resolve("train/.teco-stage-done"));
        // Valid as a config; refused once the stage runs (the tokenizer folder it names is not one).
        Path notATokenizer = Files.createDirectories(work.resolve("not-a-tokenizer"));
        Result r = run(dir, "--stages", "train", "--set", "vqvae_ckpt=" + notATokenizer);
        refused(r, 2, notATokenizer.toString());
    }

    @Test
    void aBadLogLevelSaysWhichLevelsExist() throws Exception {
        Result r = TecoProcess.run(work, "--log-level", "loud", "bundles");
        refused(r, 2, "--log-level must be one of error, warn, info, debug, trace; got 'loud'");
    }

    // ---- 1: a refused command loses nothing ----

    @Test
    void aRefusedForcedRunLeavesEveryEarlierFileAsItWas() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("forced"));
        Map<String, String> before = FileTree.hashes(dir);
        Result r = run(dir, "--stages", "train", "--force", "--set", "z_tfm_kwargs.embed_dim=-3");
        refused(r, 2, "z_tfm_kwargs.embed_dim");
        assertThat(FileTree.hashes(dir)).isEqualTo(before);
    }

    @Test
    void aForcedRunWithABadModelKeyIsRefusedBeforeAnyStageRuns() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("forced-all"));
        Map<String, String> before = FileTree.hashes(dir);
        Result r = run(dir, "--force", "--set", "z_tfm_kwargs.num_heads=7");
        refused(r, 2, "z_tfm_kwargs.embed_dim", "is not divisible by z_tfm_kwargs.num_heads 7");
        assertThat(r.seconds()).isLessThan(20);
        assertThat(FileTree.hashes(dir)).isEqualTo(before);
    }

    @Test
    void aForcedStageThatFailsPutsTheFinishedOutputBack() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("forced-fails"));
        // The run's record (config.resolved.yaml) says what the last command ran with; the stage's output must be kept.
        Map<String, String> before = FileTree.hashes(dir.resolve("train"));
        Path notATokenizer = Files.createDirectories(work.resolve("not-a-tokenizer-either"));
        Result r = run(dir, "--stages", "train", "--force", "--set", "vqvae_ckpt=" + notATokenizer);
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(FileTree.hashes(dir.resolve("train"))).isEqualTo(before);
        assertThat(dir.resolve(".train.previous")).doesNotExist();
    }

    // ---- 2: damaged files and unwritable outputs: a message naming the file, no stack trace ----

    @Test
    void outputPathsThatCannotBeWrittenAreRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        Path folder = Files.createDirectories(work.resolve("a-folder"));
        refused(run(file), 2, "-o " + file + ": expected a folder, found a file");
        refused(run(file.resolve("below")), 2, "-o " + file.resolve("below") + ": " + file + " is a file, not a folder");
        refused(TecoProcess.run(work, "model", "export-params", trained.resolve("train/checkpoints").toString(), "--npz",
                folder.toString()), 2, "--npz " + folder + ": expected a file name, found a folder");
        refused(TecoProcess.run(work, "eval", work.resolve("no-samples").toString(), "--json", folder.toString()), 2,
                "--json " + folder + ": expected a file name, found a folder");
        refused(TecoProcess.run(work, "data", "maze", "--out", file.toString(), "--train", "1", "--test", "1"), 2,
                "--out " + file + ": expected a folder, found a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aTruncatedParameterFileIsNamed() throws Exception {
        Path dir = FileTree.copy(trained.resolve("train/checkpoints"), work.resolve("truncated-params"));
        Path params = dir.resolve("step_000000000003/params.npz");
        Files.write(params, java.util.Arrays.copyOf(Files.readAllBytes(params), 3000));
        Result r = TecoProcess.run(work, "model", "export-params", dir.resolve("step_000000000003").toString(), "--quiet");
        refused(r, 2, params.toString(), "not a readable zip archive");
    }

    @Test
    void aMissingTokenCacheShardIsNamed() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("missing-shard"));
        Path shard = dir.resolve("tokenize/tokens-train-00000.arrow");
        Files.delete(shard);
        Files.delete(dir.resolve("train/.teco-stage-done"));
        Result r = run(dir, "--stages", "train");
        refused(r, 2, shard + ": missing", "tokens-train.index", "tokenize again");
    }

    @Test
    void aTruncatedOnnxGraphInACheckpointIsNamed() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("truncated-onnx"));
        Path graph = dir.resolve("train/checkpoints/step_000000000003/onnx/prior.onnx");
        Files.write(graph, java.util.Arrays.copyOf(Files.readAllBytes(graph), 2000));
        Result r = TecoProcess.run(work, "sample", dir.toString(), "-n", "2", "-o", work.resolve("truncated-onnx-samples").toString());
        refused(r, 2, graph + ": expected an ONNX model", "truncated or corrupt");
    }

    @Test
    void aTokenizerWhoseCodebookHoldsNaNIsRefused() throws Exception {
        Path tokenizer = FileTree.copy(trained.resolve("train_tokenizer/tokenizer"), work.resolve("nan-tokenizer"));
        org.tecoplatform.npz.NpyArray codebook = org.tecoplatform.npz.NpyFile.read(tokenizer.resolve("codebook.npy"));
        float[] values = codebook.toFloats();
        values[values.length - 1] = Float.NaN;
        org.tecoplatform.npz.NpyFile.write(tokenizer.resolve("codebook.npy"),
                org.tecoplatform.npz.NpyArray.float32(codebook.shape(), values));
        Path dir = FileTree.copy(trained, work.resolve("nan-run"));
        Result r = run(dir, "--stages", "train", "--force", "--set", "vqvae_ckpt=" + tokenizer);
        refused(r, 2, tokenizer.resolve("codebook.npy") + ": expected finite embeddings, found NaN");
    }

    @Test
    void aRunThatDivergesSaysSoWithoutAStackTrace() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("diverges"));
        Result r = run(dir, "--stages", "train", "--force", "--set", "lr=1e30");
        refused(r, 1, "the loss is not finite at step", "lower lr");
    }

    // ---- 5: files that are not there are not skipped silently ----

    @Test
    void aDatasetLinkThatLeadsNowhereIsABadFile() throws Exception {
        Path root = work.resolve("links");
        Files.createDirectories(root.resolve("train/a"));
        Files.createDirectories(root.resolve("test/a"));
        Files.copy(trained.resolve("data/train/maze/train-00000.npz"), root.resolve("train/a/ok.npz"));
        Files.copy(trained.resolve("data/test/maze/test-00000.npz"), root.resolve("test/a/ok.npz"));
        Path dangling = Files.createSymbolicLink(root.resolve("train/a/dangling.npz"), work.resolve("nowhere.npz"));
        Path self = Files.createSymbolicLink(root.resolve("train/a/self.npz"), Path.of("self.npz"));
        String[] inspect = {"data", "inspect", "--dataset", "dmlab", "--path", root.toString(), "--set", "dmlab.episode_length=0"};
        refused(TecoProcess.run(work, inspect), 2, dangling.toString(), "a link to " + work.resolve("nowhere.npz"));
        String[] skipping = java.util.stream.Stream.concat(java.util.Arrays.stream(inspect), java.util.stream.Stream.of("--skip-bad"))
                .toArray(String[]::new);
        Result r = TecoProcess.run(work, skipping);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("problems    2").contains(dangling.toString()).contains(self.toString());
    }

    // ---- 6: a message that says what is wrong ----

    @Test
    void aBinaryConfigIsNotUtf8Text() throws Exception {
        Path config = work.resolve("binary.yaml");
        Files.write(config, new byte[] {'s', 'e', 'e', 'd', ':', ' ', (byte) 0xc3, 0x28, 0x00, (byte) 0xff});
        refused(TecoProcess.run(work, "config", "show", config.toString()), 2, config.toString(),
                "expected UTF-8 text (YAML), found the byte 0xc3 at offset 6 (line 1)");
    }

    // ---- 7: bad values refused, output consistent ----

    @Test
    void aMazeOfNoFramesOrNegativeContextIsRefused() throws Exception {
        refused(TecoProcess.run(work, "data", "maze", "--out", work.resolve("maze0").toString(), "--length", "0"), 2,
                "--length must be at least 1, found 0");
        assertThat(work.resolve("maze0")).doesNotExist();
        refused(TecoProcess.run(work, "sample", trained.toString(), "--open-loop-ctx", "-2", "-o", work.resolve("ctx").toString()), 2,
                "sample.open_loop_ctx (teco sample --open-loop-ctx) must be at least 0", "found -2");
    }

    @Test
    void aMazeOfOtherOptionsIntoTheSameFolderIsRefusedAndChangesNothing() throws Exception {
        Path out = work.resolve("maze-sizes");
        Result made = TecoProcess.run(work, "data", "maze", "--out", out.toString(), "--train", "1", "--test", "1", "--length", "3",
                "--size", "32");
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Map<String, String> before = FileTree.hashes(out);
        Result again = TecoProcess.run(work, "data", "maze", "--out", out.toString(), "--train", "1", "--test", "1", "--length", "3",
                "--size", "48");
        refused(again, 2, "--out " + out + " holds a maze dataset made with other options", "size=32", "size=48");
        assertThat(FileTree.hashes(out)).isEqualTo(before);
    }

    // ---- 8: validated early, resumed where possible ----

    @Test
    void configShowRefusesWhatTrainingWouldRefuse() throws Exception {
        String config = TecoPipelineIT.config();
        refused(TecoProcess.run(work, "config", "show", config, "--set", "batch_size=0"), 2, "batch_size must be positive, found 0");
        refused(TecoProcess.run(work, "config", "show", config, "--set", "seq_len=1"), 2, "n_cond must be less than seq_len (1)");
        refused(TecoProcess.run(work, "config", "show", config, "--set", "z_tfm_kwargs.num_heads=7"), 2,
                "is not divisible by z_tfm_kwargs.num_heads 7");
        refused(TecoProcess.run(work, "config", "show", config, "--set", "encoder.depths=[48]", "--set", "decoder.depths=[48]"), 2,
                "encoder.depths entries must be positive multiples of 32", "found [48]");
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousOneSayingSo() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("fallback"));
        Path newest = dir.resolve("train/checkpoints/step_000000000003");
        Path params = newest.resolve("params.npz");
        Files.write(params, java.util.Arrays.copyOf(Files.readAllBytes(params), 3000));
        Result r = run(dir, "--stages", "train", "--set", "total_steps=4");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Checkpoint " + newest + " cannot be read").contains("resuming from " + dir.resolve(
                "train/checkpoints/step_000000000002"));
        assertThat(dir.resolve("train/checkpoints/step_000000000004/params.npz")).exists();
    }

    @Test
    void aLargerTotalStepsContinuesAFinishedRunFromItsLastCheckpoint() throws Exception {
        Path dir = FileTree.copy(trained, work.resolve("longer"));
        Result r = run(dir, "--stages", "train", "--set", "total_steps=5");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("train\\s+ran");
        assertThat(r.err()).contains("resuming from " + dir.resolve("train/checkpoints/step_000000000003") + " (step 3)");
        assertThat(dir.resolve("train/checkpoints/step_000000000005/params.npz")).exists();
        assertThat(Files.readAllLines(dir.resolve("train/metrics.csv"))).hasSize(6);
    }
}
