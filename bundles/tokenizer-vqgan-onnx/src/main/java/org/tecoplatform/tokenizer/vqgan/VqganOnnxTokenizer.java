package org.tecoplatform.tokenizer.vqgan;

import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Tokenizer;
import org.tecoplatform.api.TokenizerModel;

/**
 * A VQ-GAN tokenizer run by ONNX Runtime: a config selects it with {@code tokenizer: vqgan-onnx}.
 * The directory is what {@code tools/vqgan_to_onnx.py} writes from a taming-transformers
 * checkpoint; {@link #open} checks every file against the others before anything runs.
 */
@Component(service = Tokenizer.class, property = "teco.name=" + VqganOnnxTokenizer.NAME)
public final class VqganOnnxTokenizer implements Tokenizer {

    static final String NAME = "vqgan-onnx";

    @Override
    public String description() {
        return "VQ-GAN (taming-transformers, exported by tools/vqgan_to_onnx.py) through ONNX Runtime: frames <-> codes";
    }

    @Override
    public List<OptionSpec> options() {
        return TokenizerOptions.SPECS;
    }

    /** Opens {@code directory}; {@code config} is the whole config, whose {@code vqgan-onnx} section holds the options. */
    @Override
    public TokenizerModel open(Path directory, Settings config) {
        TokenizerOptions options = TokenizerOptions.from(config);
        return VqganOnnxModel.open(directory, options);
    }
}
