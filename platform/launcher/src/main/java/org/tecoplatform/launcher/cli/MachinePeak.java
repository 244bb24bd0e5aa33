package org.tecoplatform.launcher.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.OrtSettings;

/**
 * This machine's fp32 arithmetic ceiling, measured when a benchmark runs: the best of ten
 * {@value #N}³ matrix products through the back end being benchmarked, on every core it uses. The
 * figure differs between machines (an AVX-512 core does twice the work of an AVX2 one per cycle) and
 * between libraries, so benchmarks divide by this rather than by a number quoted from elsewhere.
 *
 * @param gflops the best rate seen
 * @param what   how it was measured, for the report
 */
record MachinePeak(double gflops, String what) {

    static final int N = 2048;
    private static final int REPEATS = 10;
    private static final double FLOPS = 2.0 * N * N * N;

    /** The ceiling of ND4J's matrix product (OpenBLAS, or oneDNN in the oneDNN builds). */
    static MachinePeak nd4j() {
        INDArray a = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray b = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray c = Nd4j.create(DataType.FLOAT, N, N);
        return new MachinePeak(FLOPS / bestNanos(() -> a.mmuli(b, c)), describe("ND4J mmul"));
    }

    /** The ceiling of ONNX Runtime's MatMul with these session settings. */
    static MachinePeak onnxRuntime(OrtSettings settings) throws OrtException {
        OnnxOps ops = new OnnxOps(new ParamStore(0), "peak_matmul");
        ops.output("c", ops.matmul(ops.input("a", N, N), ops.input("b", N, N)));
        float[] values = new float[N * N];
        java.util.Random rng = new java.util.Random(0);
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextFloat();
        }
        long[] shape = {N, N};
        try (OrtSession s = OrtSessions.open(ops.model().toByteArray(), "peak matmul", settings);
             OnnxTensor a = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(values), shape);
             OnnxTensor b = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(values), shape)) {
            Map<String, OnnxTensor> feeds = Map.of("a", a, "b", b);
            return new MachinePeak(FLOPS / bestNanos(() -> {
                try {
                    s.run(feeds).close();
                } catch (OrtException e) {
                    throw new IllegalStateException("the peak-rate MatMul failed in ONNX Runtime", e);
                }
            }), describe("ONNX Runtime MatMul"));
        }
    }

    /** The fastest of {@value #REPEATS} runs of {@code product}, after one untimed run (threads, page faults). */
    private static long bestNanos(Runnable product) {
        product.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            product.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static String describe(String engine) {
        return String.format(Locale.ROOT, "fp32 %d^3 %s, best of %d, %d cores", N, engine, REPEATS,
                Runtime.getRuntime().availableProcessors());
    }

    /** {@code gflops} as a percentage of this peak. */
    double percent(double gflops) {
        return 100 * gflops / this.gflops;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.0f GFLOP/s (%s)", gflops, what);
    }
}
