package org.tecoplatform.tokenizer.vqgan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;

/** {@code tokenizer.json}: what the directory's models and codebook must agree with. */
record TokenizerMetadata(int formatVersion, TokenizerInfo info) {

    static final String FILE = "tokenizer.json";
    static final String FORMAT = "teco-vqgan-onnx";
    static final int FORMAT_VERSION = 1;
    private static final List<String> KEYS = List.of("format_version", "codes", "embedding_dim", "latent_h", "latent_w", "image_size");

    static TokenizerMetadata read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new BadInputException(file + ": expected JSON tokenizer metadata, found invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": expected a JSON object with " + String.join(", ", KEYS) + ", found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> missing = new ArrayList<>();
        for (String k : KEYS) {
            if (!root.has(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(file + ": missing " + String.join(", ", missing) + " (expected keys " + String.join(", ", KEYS) + ")");
        }
        if (root.has("format") && !FORMAT.equals(root.get("format").asText())) {
            throw new BadInputException(file + ": format: expected '" + FORMAT + "', found " + root.get("format"));
        }
        int version = positive(file, root, "format_version");
        if (version != FORMAT_VERSION) {
            throw new BadInputException(file + ": format_version: expected " + FORMAT_VERSION + " (what this plugin reads), found " + version);
        }
        TokenizerInfo info = new TokenizerInfo(positive(file, root, "codes"), positive(file, root, "embedding_dim"),
                positive(file, root, "latent_h"), positive(file, root, "latent_w"), positive(file, root, "image_size"));
        return new TokenizerMetadata(version, info);
    }

    private static int positive(Path file, JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new BadInputException(file + ": " + key + ": expected a positive integer, found " + v);
        }
        return v.intValue();
    }
}
