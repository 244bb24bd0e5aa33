package org.tecoplatform.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.Map;
import onnx.Onnx.TensorProto.DataType;
import org.junit.jupiter.api.Test;

class TensorBuffersTest {

    @Test
    void reusesABufferWhileItIsLargeEnoughAndGrowsItWhenNot() {
        TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());
        ByteBuffer a = buffers.buffer("x", 100);
        assertThat(a.isDirect()).isTrue();
        assertThat(a.limit()).isEqualTo(100);
        ByteBuffer b = buffers.buffer("x", 60);
        assertThat(b).isSameAs(a);
        assertThat(b.limit()).isEqualTo(60);
        ByteBuffer c = buffers.buffer("x", 101);
        assertThat(c).isNotSameAs(a);
        assertThat(buffers.buffer("y", 8)).isNotSameAs(c);
        assertThat(buffers.bytesHeld()).isEqualTo(109);
    }

    @Test
    void uint8InputsAndPinnedOutputsGoThroughTheSameBuffersRunAfterRun() throws Exception {
        TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());
        byte[] data = new byte[2 * 3 * 4 + 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (250 + i * 7);
        }
        try (OrtSession s = OrtSessions.open(TinyModels.identity("frames", "out", TinyModels.type(DataType.UINT8, "n", 3, 4)), "id", OrtSettings.cpu(1))) {
            ByteBuffer first = null;
            for (int run = 0; run < 3; run++) {
                int n = run == 2 ? 1 : 2;   // a smaller batch reuses the buffers
                try (OnnxTensor in = buffers.uint8("frames", data, 5, n, 3, 4);
                     OnnxTensor out = buffers.output("out", OnnxJavaType.UINT8, n, 3, 4);
                     OrtSession.Result r = s.run(Map.of("frames", in), Map.of("out", out))) {
                    byte[] got = new byte[n * 12];
                    buffers.copyUint8("out", got, 0, got.length);
                    assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(data, 5, 5 + n * 12));
                    if (first == null) {
                        first = buffers.buffer("frames", 24);
                    }
                    assertThat(buffers.buffer("frames", 24)).isSameAs(first);
                }
            }
        }
    }

    @Test
    void intsGoInAsInt64AndComeBackNarrowed() throws Exception {
        TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());
        int[] codes = {7, -3, 1 << 30, 0, 42, 5};
        try (OrtSession s = OrtSessions.open(TinyModels.identity("codes", "out", TinyModels.type(DataType.INT64, "n", 2)), "id", OrtSettings.cpu(1));
             OnnxTensor in = buffers.int64("codes", codes, 2, 2, 2);
             OrtSession.Result r = s.run(Map.of("codes", in))) {
            assertThat((long[][]) r.get(0).getValue()).isDeepEqualTo(new long[][] {{1L << 30, 0}, {42, 5}});
        }
        long[] longs = {1, 2, 3L << 40};
        try (OrtSession s = OrtSessions.open(TinyModels.identity("codes", "out", TinyModels.type(DataType.INT64, "n")), "id", OrtSettings.cpu(1));
             OnnxTensor in = buffers.int64("codes", longs, 0, 3);
             OnnxTensor out = buffers.output("out", OnnxJavaType.INT64, 3);
             OrtSession.Result r = s.run(Map.of("codes", in), Map.of("out", out))) {
            int[] got = new int[2];
            buffers.copyInt64ToInts("out", got, 0, 2);
            assertThat(got).containsExactly(1, 2);
            assertThatThrownBy(() -> buffers.copyInt64ToInts("out", new int[3], 0, 3)).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("element 2 = " + (3L << 40));
        }
    }

    @Test
    void float32Inputs() throws Exception {
        TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());
        try (OrtSession s = OrtSessions.open(TinyModels.add(2), "add", OrtSettings.cpu(1));
             OnnxTensor x = buffers.float32("X", new float[] {9f, 1f, 2f}, 1, 1, 2);
             OnnxTensor y = buffers.float32("Y", new float[] {0.5f, 0.25f}, 0, 1, 2);
             OrtSession.Result r = s.run(Map.of("X", x, "Y", y))) {
            assertThat((float[][]) r.get(0).getValue()).isDeepEqualTo(new float[][] {{1.5f, 2.25f}});
        }
    }

    @Test
    void refusesImpossibleShapes() {
        TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());
        assertThatThrownBy(() -> buffers.uint8("x", new byte[4], 0, 2, -1)).hasMessageContaining("negative dim");
        assertThatThrownBy(() -> buffers.buffer("x", -5)).hasMessageContaining("needs -5 bytes");
        assertThatThrownBy(() -> buffers.buffer("never")).hasMessageContaining("no buffer for tensor 'never'");
    }
}
