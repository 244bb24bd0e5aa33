package org.tecoplatform.tokenizer.vqgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx;
import onnx.Onnx.TensorProto.DataType;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyFile;

/** Each way a tokenizer directory can be wrong is a BadInputException naming the file, what was expected and what was found. */
class BadDirectoryTest {

    @TempDir
    Path tmp;

    private static AbstractThrowableAssert<?, ? extends Throwable> opening(Path dir) {
        return assertThatThrownBy(() -> {
            try (TokenizerModel m = new VqganOnnxTokenizer().open(dir, Fixtures.config())) {
                m.info();
            }
        }).isInstanceOf(BadInputException.class);
    }

    @Test
    void theUndamagedCopyOpens() {
        try (TokenizerModel m = new VqganOnnxTokenizer().open(Fixtures.copy(tmp), Fixtures.config())) {
            assertThat(m.info().codes()).isEqualTo(64);
        }
    }

    @Test
    void noDirectory() {
        opening(tmp.resolve("nowhere")).hasMessage("tokenizer directory " + tmp.resolve("nowhere")
                + ": expected a folder holding encoder.onnx, decoder.onnx, codebook.npy and tokenizer.json, found nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"encoder.onnx", "decoder.onnx", "codebook.npy", "tokenizer.json"})
    void aMissingFile(String name) throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve(name));
        opening(dir).hasMessage(dir.resolve(name) + ": missing from the tokenizer directory (expected encoder.onnx, decoder.onnx, codebook.npy and tokenizer.json)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"encoder.onnx", "decoder.onnx"})
    void aTruncatedModel(String name) throws IOException {
        Path dir = Fixtures.copy(tmp);
        byte[] b = Files.readAllBytes(dir.resolve(name));
        Files.write(dir.resolve(name), Arrays.copyOf(b, b.length / 3));
        opening(dir).hasMessageStartingWith(dir.resolve(name) + ": expected an ONNX model, found a file ONNX Runtime cannot ");
    }

    @Test
    void aModelThatIsText() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.writeString(dir.resolve("decoder.onnx"), "not a model\n");
        opening(dir).hasMessageStartingWith(dir.resolve("decoder.onnx") + ": expected an ONNX model, found a file ONNX Runtime cannot ");
    }

    @Test
    void theEncoderAndDecoderSwapped() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.copy(Fixtures.tokenizer().resolve("decoder.onnx"), dir.resolve("encoder.onnx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        opening(dir).hasMessage(dir.resolve("encoder.onnx") + ": expected one input 'frames', found 1 input: 'codes'"
                + " (tokenizer.json: image_size 32, latent 16x16)");
    }

    @Test
    void anEncoderTakingFloatFrames() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.write(dir.resolve("encoder.onnx"), cast("frames", DataType.FLOAT, "codes", DataType.INT64, "batch", 32, 32, 3));
        opening(dir).hasMessage(dir.resolve("encoder.onnx") + ": input 'frames': expected frames uint8 [?,32,32,3], found frames float32 [batch,32,32,3]"
                + " (element type float32) (tokenizer.json: image_size 32, latent 16x16)");
    }

    @Test
    void anEncoderWithCodesOfTheWrongRank() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.write(dir.resolve("encoder.onnx"), cast("frames", DataType.UINT8, "codes", DataType.INT64, "batch", 32, 32, 3));
        opening(dir).hasMessage(dir.resolve("encoder.onnx") + ": output 'codes': expected codes int64 [?,16,16], found codes int64 [batch,32,32,3]"
                + " (rank 4 instead of 3) (tokenizer.json: image_size 32, latent 16x16)");
    }

    @Test
    void aDecoderWithAFixedBatch() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.write(dir.resolve("decoder.onnx"), cast("codes", DataType.INT64, "frames", DataType.UINT8, 4, 16, 16));
        opening(dir).hasMessage(dir.resolve("decoder.onnx") + ": input 'codes': expected codes int64 [?,16,16], found codes int64 [4,16,16]"
                + " (dim 0 is fixed at 4, expected a dynamic size) (tokenizer.json: image_size 32, latent 16x16)");
    }

    @Test
    void metadataThatIsNotJson() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"codes\": 64,");
        opening(dir).hasMessageStartingWith(dir.resolve("tokenizer.json") + ": expected JSON tokenizer metadata, found invalid JSON: ");
        Files.writeString(dir.resolve("tokenizer.json"), "[1, 2]");
        opening(dir).hasMessageStartingWith(dir.resolve("tokenizer.json") + ": expected a JSON object with format_version, codes, embedding_dim, latent_h, latent_w, image_size, found array");
    }

    @Test
    void metadataMissingKeys() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"latent_w\": 16,", "");
        edit(dir, "\"image_size\": 32,", "");
        opening(dir).hasMessage(dir.resolve("tokenizer.json") + ": missing latent_w, image_size"
                + " (expected keys format_version, codes, embedding_dim, latent_h, latent_w, image_size)");
    }

    @Test
    void metadataWithAValueOfTheWrongType() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"codes\": 64", "\"codes\": \"many\"");
        opening(dir).hasMessage(dir.resolve("tokenizer.json") + ": codes: expected a positive integer, found \"many\"");
        edit(dir, "\"codes\": \"many\"", "\"codes\": 0");
        opening(dir).hasMessage(dir.resolve("tokenizer.json") + ": codes: expected a positive integer, found 0");
    }

    @Test
    void metadataOfAnotherFormatVersion() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"format_version\": 1", "\"format_version\": 2");
        opening(dir).hasMessage(dir.resolve("tokenizer.json") + ": format_version: expected 1 (what this plugin reads), found 2");
        edit(dir, "\"format_version\": 2", "\"format_version\": 1");
        edit(dir, "\"format\": \"teco-vqgan-onnx\"", "\"format\": \"other\"");
        opening(dir).hasMessage(dir.resolve("tokenizer.json") + ": format: expected 'teco-vqgan-onnx', found \"other\"");
    }

    @Test
    void metadataLatentSizeDisagreesWithTheModels() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"latent_h\": 16", "\"latent_h\": 8");
        opening(dir).hasMessage(dir.resolve("encoder.onnx") + ": output 'codes': expected codes int64 [?,8,16], found codes int64 [batch,16,16]"
                + " (dim 1 is 16 instead of 8) (tokenizer.json: image_size 32, latent 8x16)");
    }

    @Test
    void metadataImageSizeDisagreesWithTheModels() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"image_size\": 32", "\"image_size\": 64");
        opening(dir).hasMessage(dir.resolve("encoder.onnx") + ": input 'frames': expected frames uint8 [?,64,64,3], found frames uint8 [batch,32,32,3]"
                + " (dim 1 is 32 instead of 64) (tokenizer.json: image_size 64, latent 16x16)");
    }

    @Test
    void metadataCodesDisagreeWithTheCodebook() throws IOException {
        Path dir = Fixtures.copy(tmp);
        edit(dir, "\"codes\": 64", "\"codes\": 100");
        opening(dir).hasMessage(dir.resolve("codebook.npy") + ": expected float32 (100, 16) as tokenizer.json says (codes, embedding_dim), found float32 (64, 16)");
        edit(dir, "\"codes\": 100", "\"codes\": 64");
        edit(dir, "\"embedding_dim\": 16", "\"embedding_dim\": 32");
        opening(dir).hasMessage(dir.resolve("codebook.npy") + ": expected float32 (64, 32) as tokenizer.json says (codes, embedding_dim), found float32 (64, 16)");
    }

    @Test
    void aCodebookOfIntegers() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve("codebook.npy"));
        NpyFile.write(dir.resolve("codebook.npy"), NpyArray.int32(new int[] {64, 16}, new int[64 * 16]));
        opening(dir).hasMessage(dir.resolve("codebook.npy") + ": expected float32 (64, 16) as tokenizer.json says (codes, embedding_dim), found int32 (64, 16)");
    }

    @Test
    void aTruncatedCodebook() throws IOException {
        Path dir = Fixtures.copy(tmp);
        byte[] b = Files.readAllBytes(dir.resolve("codebook.npy"));
        Files.write(dir.resolve("codebook.npy"), Arrays.copyOf(b, b.length - 10));
        opening(dir).hasMessageStartingWith(dir.resolve("codebook.npy") + ": expected a float32 .npy array (codes, embedding_dim), found an unreadable file: ");
    }

    private static void edit(Path dir, String from, String to) throws IOException {
        Path f = dir.resolve("tokenizer.json");
        String s = Files.readString(f);
        assertThat(s).as("fixture metadata holds " + from).contains(from);
        Files.writeString(f, s.replace(from, to));
    }

    /** out = Cast(in), both of the given shape (a String dim is symbolic). */
    private static byte[] cast(String in, DataType inType, String out, DataType outType, Object... dims) {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("cast")
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Cast").addInput(in).addOutput(out)
                        .addAttribute(Onnx.AttributeProto.newBuilder().setName("to").setType(Onnx.AttributeProto.AttributeType.INT).setI(outType.getNumber())))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName(in).setType(type(inType, dims)))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName(out).setType(type(outType, dims))).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).build().toByteArray();
    }

    private static Onnx.TypeProto type(DataType elem, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(elem.getNumber()).setShape(shape)).build();
    }
}
