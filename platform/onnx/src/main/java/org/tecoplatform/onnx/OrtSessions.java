package org.tecoplatform.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens ONNX Runtime sessions from {@link OrtSettings}, sharing the process-wide environment. */
public final class OrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);
    /** CUDA failures already reported at INFO (device and reason): a tokenizer's two sessions say it once. */
    private static final Set<String> CUDA_NOTICES = ConcurrentHashMap.newKeySet();

    private OrtSessions() {
    }

    /** The process-wide ONNX Runtime environment (created on first use, never closed). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * A session for the model file. With {@code settings.useCuda()} the CUDA execution provider is
     * added first; when that fails (no GPU, no CUDA build of ONNX Runtime, no driver) one INFO line
     * says that CUDA was asked for but is not available and why (once per process for each device
     * and reason; later sessions say it at DEBUG), and the session runs on the CPU.
     *
     * @throws NoSuchFileException when {@code model} is not a file
     * @throws org.tecoplatform.api.BadInputException when the file is not a model ONNX Runtime can
     *         parse (truncated, corrupt): the file is at fault, not the run
     * @throws OrtException        when ONNX Runtime cannot load the model otherwise (unsupported)
     */
    public static OrtSession open(Path model, OrtSettings settings) throws IOException, OrtException {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "no model file");
        }
        try (OrtSession.SessionOptions options = options(settings, model.toString())) {
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF || e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_GRAPH
                    || e.getCode() == OrtException.OrtErrorCode.ORT_NO_MODEL) {
                throw new org.tecoplatform.api.BadInputException(model + ": expected an ONNX model, found a file ONNX Runtime cannot "
                        + "parse (truncated or corrupt?): " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** A session for a model held in memory ({@code what} names it in the CUDA fallback line). */
    public static OrtSession open(byte[] model, String what, OrtSettings settings) throws OrtException {
        try (OrtSession.SessionOptions options = options(settings, what)) {
            return environment().createSession(model, options);
        }
    }

    /** Session options for the settings; the caller closes them once the session is created. */
    public static OrtSession.SessionOptions options(OrtSettings settings, String what) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (settings.interOpThreads() > 0) {
                options.setInterOpNumThreads(settings.interOpThreads());
            }
            options.setOptimizationLevel(settings.optLevel());
            // ORT prints a coloured WARNING line per call when a dynamic-batch graph's memory plan
            // meets another batch size ("Shape mismatch attempting to re-use buffer"): harmless (the
            // sampler's outputs are tested equal across batch sizes and back ends) but it buries the
            // progress bars. Errors still reach the console.
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (settings.useCuda()) {
                try {
                    options.addCUDA(settings.cudaDevice());
                    LOG.debug("{}: CUDA execution provider on device {}", what, settings.cudaDevice());
                } catch (OrtException e) {
                    // ONNX Runtime leaves the options usable: the session is created on the CPU.
                    String reason = oneLine(e.getMessage());
                    if (CUDA_NOTICES.add(settings.cudaDevice() + " " + reason)) {
                        LOG.info("{}: CUDA was asked for (device {}) but is not available, running on the CPU: {}",
                                what, settings.cudaDevice(), reason);
                    } else {
                        LOG.debug("{}: CUDA not available (device {}), on the CPU: {}", what, settings.cudaDevice(), reason);
                    }
                }
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Forgets which CUDA failures were reported (for tests). */
    static void resetCudaNotices() {
        CUDA_NOTICES.clear();
    }

    private static String oneLine(String message) {
        return message == null ? "(no reason given)" : message.replaceAll("\\s+", " ").trim();
    }
}
