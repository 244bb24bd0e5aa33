package org.tecoplatform.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Objects;

/**
 * How to open an ONNX Runtime session.
 *
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose (one per core)
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param optLevel       graph optimisation level
 * @param useCuda        ask for the CUDA execution provider; without a usable GPU the session
 *                       runs on the CPU and one INFO line says why
 * @param cudaDevice     the CUDA device id used when {@code useCuda}
 */
public record OrtSettings(int intraOpThreads, int interOpThreads, OptLevel optLevel, boolean useCuda, int cudaDevice) {

    public OrtSettings {
        Objects.requireNonNull(optLevel, "optLevel");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0: ONNX Runtime's default), found intra "
                    + intraOpThreads + ", inter " + interOpThreads);
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("cudaDevice must be >= 0, found " + cudaDevice);
        }
    }

    /** ONNX Runtime's default threads, every optimisation, CPU. */
    public static OrtSettings defaults() {
        return new OrtSettings(0, 0, OptLevel.ALL_OPT, false, 0);
    }

    /** {@code threads} intra-op threads (0: ONNX Runtime's default), one inter-op thread, every optimisation, CPU. */
    public static OrtSettings cpu(int threads) {
        return new OrtSettings(threads, threads == 0 ? 0 : 1, OptLevel.ALL_OPT, false, 0);
    }

    public OrtSettings withThreads(int intra, int inter) {
        return new OrtSettings(intra, inter, optLevel, useCuda, cudaDevice);
    }

    public OrtSettings withOptLevel(OptLevel level) {
        return new OrtSettings(intraOpThreads, interOpThreads, level, useCuda, cudaDevice);
    }

    public OrtSettings withCuda(boolean cuda) {
        return new OrtSettings(intraOpThreads, interOpThreads, optLevel, cuda, cudaDevice);
    }

    public OrtSettings withCudaDevice(int device) {
        return new OrtSettings(intraOpThreads, interOpThreads, optLevel, useCuda, device);
    }
}
