package org.tecoplatform.tokenizer.vqgan;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.onnx.OrtSettings;

/**
 * The tokenizer's options, from its config section ({@code vqgan-onnx: {batch_size: 16}}).
 *
 * @param batchSize frames per ONNX Runtime call
 * @param threads   intra-op threads; 0 lets ONNX Runtime choose
 * @param useCuda   ask for the CUDA execution provider (the CPU when it is not available)
 */
record TokenizerOptions(int batchSize, int threads, boolean useCuda) {

    static final String SECTION = VqganOnnxTokenizer.NAME;
    static final String BATCH_SIZE = "batch_size";
    static final String THREADS = "threads";
    static final String USE_CUDA = "use_cuda";

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.of(BATCH_SIZE, OptionType.INTEGER, 32, "frames per ONNX Runtime call when encoding or decoding"),
            OptionSpec.of(THREADS, OptionType.INTEGER, 0, "ONNX Runtime threads per call; 0 lets ONNX Runtime choose (one per core)"),
            OptionSpec.of(USE_CUDA, OptionType.BOOLEAN, false, "run on the CUDA execution provider; without a usable GPU the CPU is used and the log says why"));

    static TokenizerOptions from(Settings config) {
        Settings s = config.section(SECTION);
        int batch = s.getInt(BATCH_SIZE, 32);
        if (batch < 1) {
            throw new BadInputException(SECTION + "." + BATCH_SIZE + ": expected a frame count >= 1, found " + batch);
        }
        int threads = s.getInt(THREADS, 0);
        if (threads < 0) {
            throw new BadInputException(SECTION + "." + THREADS + ": expected a thread count >= 1, or 0 for ONNX Runtime's choice, found " + threads);
        }
        return new TokenizerOptions(batch, threads, s.getBoolean(USE_CUDA, false));
    }

    OrtSettings ortSettings() {
        return OrtSettings.cpu(threads).withCuda(useCuda);
    }
}
