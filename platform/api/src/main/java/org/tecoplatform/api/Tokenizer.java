package org.tecoplatform.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A tokenizer plugin: opens a tokenizer directory (models and metadata) for encoding frames
 * to discrete codes and decoding codes back to frames.
 */
@ConsumerType
public interface Tokenizer extends Plugin {

    /**
     * Opens the tokenizer stored in {@code directory}; a missing or inconsistent directory is a
     * {@link BadInputException} naming the problem.
     */
    TokenizerModel open(Path directory, Settings config);
}
