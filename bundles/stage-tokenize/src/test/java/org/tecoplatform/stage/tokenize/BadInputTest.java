package org.tecoplatform.stage.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Bad setups stop before any work with a message naming what is wrong and where. */
class BadInputTest {

    @TempDir
    Path tmp;

    @Test
    void aTokenizerForAnotherFrameSizeIsRefusedNamingBoth() throws Exception {
        TinyDataset data = new TinyDataset(64, Map.of(Split.TRAIN, new int[] {3}, Split.TEST, new int[] {2}), true);
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), data);

        assertThatThrownBy(() -> new TokenizeStage().run(context)).isInstanceOf(BadInputException.class)
                .hasMessage("tokenizer " + Fixture.tokenizer() + " encodes 32x32 frames (its image size) but dataset 'tiny' has 64x64"
                        + " frames; use a tokenizer made for 64x64 frames or a dataset image size of 32");
        assertThat(data.reads()).isEmpty();
        assertThat(files(context.stageDir())).isZero();
    }

    @Test
    void noTokenizerAnywhereNamesTheKeyAndTheTrainedTokenizerFolder() throws Exception {
        Settings config = Fixture.settings(Fixture.config(null), tmp);
        Path run = tmp.resolve("run");
        TestContext context = new TestContext(config, run, TinyDataset.standard());

        assertThatThrownBy(() -> new TokenizeStage().run(context)).isInstanceOf(BadInputException.class)
                .hasMessage("no tokenizer: the config has no vqvae_ckpt and " + run.resolve("train_tokenizer/tokenizer")
                        + " does not exist; set vqvae_ckpt to a tokenizer directory (encoder.onnx, decoder.onnx, codebook.npy,"
                        + " tokenizer.json) or run the train_tokenizer stage first");
        assertThat(files(context.stageDir())).isZero();
    }

    @Test
    void aMissingVqvaeCkptNamesItAndTheTrainedTokenizerFolder() throws Exception {
        Map<String, Object> map = Fixture.with(Fixture.config(null), TokenizeStage.TOKENIZER_KEY, "checkpoints/vqgan");
        Settings config = Fixture.settings(map, tmp);
        Path run = tmp.resolve("run");
        // Even with a trained tokenizer in the run, an explicit vqvae_ckpt that is wrong is an error, not a fallback.
        Fixture.copy(run.resolve("train_tokenizer/tokenizer"));
        TestContext context = new TestContext(config, run, TinyDataset.standard());

        assertThatThrownBy(() -> new TokenizeStage().run(context)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("vqvae_ckpt: tokenizer directory " + tmp.resolve("checkpoints/vqgan")
                        + " does not exist (relative paths are resolved against the config file's folder)")
                .hasMessageEndingWith("or remove it to use " + run.resolve("train_tokenizer/tokenizer")
                        + " as the train_tokenizer stage writes it");
    }

    @Test
    void aCheckpointFileInsteadOfADirectorySaysToConvertIt() throws Exception {
        Path ckpt = Files.writeString(tmp.resolve("vqgan.ckpt"), "not a directory");
        Settings config = Fixture.settings(Fixture.config(ckpt), tmp);
        TestContext context = new TestContext(config, tmp.resolve("run"), TinyDataset.standard());

        assertThatThrownBy(() -> new TokenizeStage().run(context)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(ckpt + " is a file, not a tokenizer directory")
                .hasMessageContaining("tools/vqgan_to_onnx.py");
    }

    @Test
    void aDatasetThatChangedSinceTheInterruptedRunIsRefused() throws Exception {
        Settings config = Fixture.settings(Fixture.config(Fixture.tokenizer()), tmp);
        Path run = tmp.resolve("run");
        new TokenizeStage().run(new TestContext(config, run, TinyDataset.standard()));
        // Make train incomplete again (as an interruption after the first shards would) and shrink the dataset.
        Files.delete(run.resolve("tokenize/tokens-train.index"));
        TinyDataset fewer = new TinyDataset(32, Map.of(Split.TRAIN, new int[] {5, 3}, Split.TEST, new int[] {4, 4, 2}), true);

        assertThatThrownBy(() -> new TokenizeStage().run(new TestContext(config, run, fewer))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds episode 'train-002' at position 2 but the dataset lists only 2 episodes")
                .hasMessageContaining("the dataset changed since the cache was started");
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
