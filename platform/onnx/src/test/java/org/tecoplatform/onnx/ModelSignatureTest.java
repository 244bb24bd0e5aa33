package org.tecoplatform.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import onnx.Onnx.TensorProto.DataType;
import org.junit.jupiter.api.Test;
import org.tecoplatform.onnx.ModelSignature.ExpectedTensor;

class ModelSignatureTest {

    private static final long D = TensorSpec.DYNAMIC;

    private static ModelSignature signature(byte[] model) throws Exception {
        try (OrtSession s = OrtSessions.open(model, "test", OrtSettings.cpu(1))) {
            return ModelSignature.of(s);
        }
    }

    @Test
    void describesNamesTypesAndSymbolicDims() throws Exception {
        ModelSignature sig = signature(TinyModels.identity("frames", "out", TinyModels.type(DataType.UINT8, "batch", 32, 32, 3)));
        TensorSpec in = sig.input("frames").orElseThrow();
        assertThat(in.type()).isEqualTo(OnnxJavaType.UINT8);
        assertThat(in.dims()).containsExactly(D, 32, 32, 3);
        assertThat(in.dimNames()[0]).isEqualTo("batch");
        assertThat(in.isDynamic(0)).isTrue();
        assertThat(in.isDynamic(1)).isFalse();
        assertThat(in.describe()).isEqualTo("frames uint8 [batch,32,32,3]");
        assertThat(sig.outputs()).extracting(TensorSpec::name).containsExactly("out");
        assertThat(sig.input("nope")).isEmpty();
        assertThat(sig.describe()).isEqualTo("inputs [frames uint8 [batch,32,32,3]] outputs [out uint8 [batch,32,32,3]]");
    }

    @Test
    void aMatchingTensorHasNoMismatch() throws Exception {
        ModelSignature sig = signature(TinyModels.identity("codes", "codes_out", TinyModels.type(DataType.INT64, "n", 16, 16)));
        assertThat(sig.soleInputMismatch(new ExpectedTensor("codes", OnnxJavaType.INT64, D, 16, 16))).isEmpty();
        assertThat(sig.soleOutputMismatch(new ExpectedTensor("codes_out", OnnxJavaType.INT64, D, 16, 16))).isEmpty();
    }

    @Test
    void eachKindOfMismatchIsNamedWithExpectedAndFound() throws Exception {
        ModelSignature sig = signature(TinyModels.identity("x", "y", TinyModels.type(DataType.FLOAT, "batch", 16, 16)));
        assertThat(sig.soleInputMismatch(new ExpectedTensor("codes", OnnxJavaType.INT64, D, 16, 16)))
                .contains("expected one input 'codes', found 1 input: 'x'");
        assertThat(sig.soleInputMismatch(new ExpectedTensor("x", OnnxJavaType.INT64, D, 16, 16)))
                .contains("input 'x': expected x int64 [?,16,16], found x float32 [batch,16,16] (element type float32)");
        assertThat(sig.soleOutputMismatch(new ExpectedTensor("y", OnnxJavaType.FLOAT, D, 16, 16, 1)))
                .contains("output 'y': expected y float32 [?,16,16,1], found y float32 [batch,16,16] (rank 3 instead of 4)");
        assertThat(sig.soleOutputMismatch(new ExpectedTensor("y", OnnxJavaType.FLOAT, D, 8, 16)))
                .contains("output 'y': expected y float32 [?,8,16], found y float32 [batch,16,16] (dim 1 is 16 instead of 8)");
        ModelSignature fixed = signature(TinyModels.identity("x", "y", TinyModels.type(DataType.FLOAT, 4, 16)));
        assertThat(fixed.soleInputMismatch(new ExpectedTensor("x", OnnxJavaType.FLOAT, D, 16)))
                .contains("input 'x': expected x float32 [?,16], found x float32 [4,16] (dim 0 is fixed at 4, expected a dynamic size)");
        ModelSignature two = signature(TinyModels.add(2));
        assertThat(two.soleInputMismatch(new ExpectedTensor("X", OnnxJavaType.FLOAT, D, 2)))
                .contains("expected one input 'X', found 2 inputs: 'X', 'Y'");
    }
}
