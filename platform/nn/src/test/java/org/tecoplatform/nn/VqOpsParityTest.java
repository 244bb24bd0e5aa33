package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ops a VQ tokenizer needs at its graph boundaries and in its quantiser: uint8 in and out,
 * argmin over the last axis, int64 codes out, clamp, floor, stop-gradient; and a dynamic batch
 * axis in ONNX graphs built at batch 1 but run at another batch size.
 */
class VqOpsParityTest {

    private static final int CODES = 5;
    private static final int DIM = 3;

    /** Pixels → [-1,1] → nearest of 5 fixed codes (L2) → code vectors → back to uint8 pixels. */
    private static <T> void quantiser(Ops<T> ops, int batch) {
        T px = ops.byteInput("frames", batch, 2, 2, DIM);
        T x = ops.sub(ops.mul(px, ops.scalar(2f / 255f)), ops.scalar(1f));
        T codebook = ops.param("codebook", Init.normal(0.7), CODES, DIM);
        T flat = ops.reshape(x, -1, DIM);
        // ||x||² − 2x·e + ||e||²
        T xe = ops.matmul(flat, ops.transpose(codebook, 1, 0));
        T ee = ops.reshape(ops.reduceSum(ops.mul(codebook, codebook), false, 1), 1, CODES);
        T xx = ops.reduceSum(ops.mul(flat, flat), true, 1);
        T dist = ops.add(ops.sub(xx, ops.mul(ops.scalar(2f), xe)), ee);
        T idx = ops.argminLast(ops.reshape(dist, batch, 2, 2, CODES));
        ops.indexOutput("codes", idx);
        T q = ops.matmul(ops.reshape(ops.oneHot(idx, CODES), -1, CODES), codebook);
        q = ops.reshape(q, batch, 2, 2, DIM);
        T st = ops.add(x, ops.stopGradient(ops.sub(q, x)));
        ops.byteOutput("pixels", ops.mul(ops.add(st, ops.scalar(1f)), ops.scalar(127.5f)));
    }

    private static byte[] randomPixels(Random rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    @Test
    void quantiserAgreesAcrossBackEndsAtAnotherBatchSize() throws Exception {
        int batch = 3;
        ParamStore params = new ParamStore(11);
        byte[] pixels = randomPixels(new Random(1), batch * 2 * 2 * DIM);

        SameDiffOps sd = new SameDiffOps(params, DataType.FLOAT);
        quantiser(sd, batch);
        int[] asInts = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            asInts[i] = pixels[i] & 0xff;
        }
        INDArray in = Nd4j.createFromArray(asInts).reshape(batch, 2, 2, DIM).castTo(DataType.UINT8);
        Map<String, INDArray> out = sd.sameDiff().output(Map.of("frames", in), List.of("codes", "pixels"));
        assertThat(out.get("codes").dataType()).isEqualTo(DataType.LONG);
        assertThat(out.get("pixels").dataType()).isEqualTo(DataType.UINT8);
        long[] sdCodes = out.get("codes").data().asLong();
        int[] sdPixels = out.get("pixels").castTo(DataType.INT).data().asInt();

        // Exported at batch 1 with a dynamic batch axis, run at batch 3.
        OnnxOps onnx = new OnnxOps(params, "quantiser", true);
        quantiser(onnx, 1);
        Path file = Files.createTempFile("vq-ops", ".onnx");
        try {
            OnnxModels.write(onnx.model(), file);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
                 OnnxTensor t = OnnxTensor.createTensor(env, ByteBuffer.wrap(pixels), new long[] {batch, 2, 2, DIM}, OnnxJavaType.UINT8);
                 OrtSession.Result r = s.run(Map.of("frames", t))) {
                assertThat(s.getInputInfo().get("frames").getInfo().toString()).contains("UINT8");
                LongBuffer lb = ((OnnxTensor) r.get("codes").get()).getLongBuffer();
                long[] codes = new long[lb.remaining()];
                lb.get(codes);
                ByteBuffer bb = ((OnnxTensor) r.get("pixels").get()).getByteBuffer();
                int[] px = new int[bb.remaining()];
                for (int i = 0; i < px.length; i++) {
                    px[i] = bb.get() & 0xff;
                }
                assertThat(codes).containsExactly(sdCodes);
                assertThat(px).containsExactly(sdPixels);
                // The quantiser really quantised: every pixel triple is one of the five code colours.
                float[] cb = params.get("codebook");
                for (int p = 0; p < codes.length; p++) {
                    for (int c = 0; c < DIM; c++) {
                        float v = Math.max(0, Math.min(255, (cb[(int) codes[p] * DIM + c] + 1) * 127.5f));
                        assertThat(px[p * DIM + c]).isEqualTo((int) Math.floor(v + 0.5f));
                    }
                }
                assertThat(java.util.Arrays.stream(codes).distinct().count()).isGreaterThan(1);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void argminTakesTheFirstOfEqualMinima() throws Exception {
        float[] data = {3, 1, 1, 2, /* */ 0, 0, 5, -1, /* */ 7, 7, 7, 7};
        Backends.Net net = new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 3, 4);
                T idx = ops.argminLast(x);
                // As a float output (one-hot · [0,1,2,3]) so the float harness compares it.
                ops.output("i", ops.reshape(ops.matmul(ops.oneHot(idx, 4), ops.constant(new float[] {0, 1, 2, 3}, 4, 1)), 3));
            }
        };
        Map<String, Backends.Feed> feeds = Map.of("x", new Backends.Feed(new int[] {3, 4}, data, null));
        ParamStore params = new ParamStore(1);
        assertThat(Backends.runSameDiff(net, params, feeds).get("i")).containsExactly(1f, 3f, 0f);
        assertThat(Backends.runOnnx(net, params, feeds).get("i")).containsExactly(1f, 3f, 0f);
    }

    @Test
    void clampAndFloorAgreeAndDynamicReshapesRun() throws Exception {
        Random rng = new Random(5);
        Backends.Net net = new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", 2, 4, 4, 3);
                T y = ops.clamp(ops.mul(x, ops.scalar(2f)), -1.5f, 0.75f);
                y = ops.add(y, ops.floor(ops.mul(x, ops.scalar(3f))));
                ops.output("y", Upsample2.apply(ops, AvgPool2.apply(ops, y)));
            }
        };
        Map<String, Backends.Feed> feeds = Map.of("x", Backends.Feed.floats(rng, 2, 4, 4, 3));
        double diff = Backends.parity(net, new ParamStore(2), feeds);
        assertThat(diff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void stopGradientBlocksOnlyItsBranch() {
        // loss = Σ w·(x + sg(x²)): d/dx = w, not w·(1 + 2x).
        SameDiffOps ops = new SameDiffOps(new ParamStore(3), DataType.DOUBLE, true);
        SameDiffOps.Var x = ops.input("x", 4);
        SameDiffOps.Var y = ops.add(x, ops.stopGradient(ops.mul(x, x)));
        SameDiff sd = ops.sameDiff();
        INDArray w = Nd4j.createFromArray(0.5, -1.0, 2.0, 0.25);
        SDVariable loss = sd.sum(y.sd().mul(sd.constant(w)));
        sd.setLossVariables(sd.identity("loss", loss).name());
        sd.getVariable("x").setArray(Nd4j.createFromArray(1.0, 2.0, -3.0, 0.5));
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), List.of("x"));
        assertThat(g.get("x").toDoubleVector()).containsExactly(0.5, -1.0, 2.0, 0.25);
        assertThat(sd.output(Map.of(), "loss").get("loss").getDouble(0)).isEqualTo(0.5 * 2 - 1.0 * 6 + 2.0 * 6 + 0.25 * 0.75);
    }
}
