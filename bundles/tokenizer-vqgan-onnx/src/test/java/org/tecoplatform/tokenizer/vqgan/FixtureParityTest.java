package org.tecoplatform.tokenizer.vqgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyFile;
import org.tecoplatform.npz.NpzReader;

/** ONNX Runtime in Java gives what PyTorch computed for the fixture model. */
class FixtureParityTest {

    private static Video frames;
    private static int[] codes;
    private static byte[] recon;
    private static float[] reconFloat;
    private static TokenizerModel model;

    @BeforeAll
    static void load() throws Exception {
        try (NpzReader r = NpzReader.open(Fixtures.expected().resolve("frames.npz"))) {
            int[] s = r.header("video").shape();
            frames = new Video(s[0], s[1], s[2], s[3], r.readUint8("video"));
        }
        try (NpzReader r = NpzReader.open(Fixtures.expected().resolve("expected.npz"))) {
            codes = r.read("codes").toInts();
            recon = r.readUint8("recon");
            reconFloat = r.read("recon_float").toFloats();
        }
        model = new VqganOnnxTokenizer().open(Fixtures.tokenizer(), Fixtures.config());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void infoComesFromTheMetadata() {
        assertThat(model.info()).isEqualTo(new TokenizerInfo(64, 16, 16, 16, 32));
    }

    @Test
    void encodesToExactlyPyTorchsCodes() {
        assertThat(frames.frames()).isEqualTo(3);
        int[] got = model.encode(frames);
        assertThat(got).hasSize(3 * 16 * 16);
        assertThat(got).isEqualTo(codes);
        assertThat(java.util.Arrays.stream(codes).distinct().count()).as("the fixture uses many codes").isGreaterThan(20);
    }

    @Test
    void decodesWithinOneOfPyTorchsReconstruction() {
        Video got = model.decode(codes, 3);
        assertThat(got.frames()).isEqualTo(3);
        assertThat(got.height()).isEqualTo(32);
        assertThat(got.channels()).isEqualTo(3);
        byte[] px = got.pixels();
        int maxDiff = 0;
        double maxFloatDiff = 0;
        for (int i = 0; i < px.length; i++) {
            int g = px[i] & 0xFF;
            maxDiff = Math.max(maxDiff, Math.abs(g - (recon[i] & 0xFF)));
            // the graph rounds (x+1)*127.5: within half a level of PyTorch's float output, plus float noise
            maxFloatDiff = Math.max(maxFloatDiff, Math.abs(g - (reconFloat[i] + 1.0) * 127.5));
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1);
        assertThat(maxFloatDiff).isLessThanOrEqualTo(0.5 + 1e-3);
        assertThat(px).as("not a constant image").containsAnyOf((byte) 0, (byte) 255).isNotEqualTo(new byte[px.length]);
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        try (TokenizerModel small = new VqganOnnxTokenizer().open(Fixtures.tokenizer(), Fixtures.config(Map.of("batch_size", 2, "threads", 1)))) {
            assertThat(small.encode(frames)).isEqualTo(codes);
            assertThat(small.decode(codes, 3)).isEqualTo(model.decode(codes, 3));
            // one frame at a time, and a later frame alone
            assertThat(small.encode(frames.slice(2, 1))).isEqualTo(java.util.Arrays.copyOfRange(codes, 512, 768));
            assertThat(small.decode(java.util.Arrays.copyOfRange(codes, 256, 512), 1).pixels())
                    .isEqualTo(model.decode(codes, 3).slice(1, 1).pixels());
        }
    }

    @Test
    void codebookIsTheNpyTable() throws Exception {
        float[] expected = NpyFile.read(Fixtures.tokenizer().resolve("codebook.npy")).toFloats();
        assertThat(model.codebook()).hasSize(64 * 16).isEqualTo(expected);
        model.codebook()[0] = 99f;
        assertThat(model.codebook()[0]).as("a copy").isEqualTo(expected[0]);
    }

    @Test
    void emptyInputsGiveEmptyOutputs() {
        assertThat(model.encode(new Video(0, 32, 32, 3, new byte[0]))).isEmpty();
        assertThat(model.decode(new int[0], 0).frames()).isZero();
    }

    @Test
    void framesOfAnotherSizeAreRefused() {
        assertThatThrownBy(() -> model.encode(new Video(1, 64, 64, 3, new byte[64 * 64 * 3])))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("encodes 32x32x3 frames, found 64x64x3");
        assertThatThrownBy(() -> model.encode(new Video(1, 32, 32, 1, new byte[32 * 32])))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("encodes 32x32x3 frames, found 32x32x1");
    }

    @Test
    void badCodesAreRefused() {
        assertThatThrownBy(() -> model.decode(new int[255], 1)).hasMessage("1 frames of 16x16 codes need 256 codes, found 255");
        int[] c = codes.clone();
        c[300] = 64;
        assertThatThrownBy(() -> model.decode(c, 3)).hasMessage("code 64 at index 300 (frame 1) is outside the codebook [0, 64)");
        c[300] = -1;
        assertThatThrownBy(() -> model.decode(c, 3)).hasMessageContaining("code -1 at index 300");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new VqganOnnxTokenizer().open(Fixtures.tokenizer(), Fixtures.config(Map.of("batch_size", 0))))
                .isInstanceOf(BadInputException.class).hasMessage("vqgan-onnx.batch_size: expected a frame count >= 1, found 0");
        assertThatThrownBy(() -> new VqganOnnxTokenizer().open(Fixtures.tokenizer(), Fixtures.config(Map.of("threads", -1))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("vqgan-onnx.threads: expected a thread count >= 1");
        assertThat(new VqganOnnxTokenizer().options()).extracting(o -> o.key()).containsExactly("batch_size", "threads", "use_cuda");
    }

    @Test
    void cudaRequestedWithoutAGpuStillTokenizes() {
        try (TokenizerModel m = new VqganOnnxTokenizer().open(Fixtures.tokenizer(), Fixtures.config(Map.of("use_cuda", true)))) {
            assertThat(m.encode(frames)).isEqualTo(codes);
        }
    }
}
