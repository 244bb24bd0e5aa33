package org.tecoplatform.api;

import java.util.LinkedHashMap;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a training {@link Stage} whose model can say how big it is for a config without
 * building it ({@code teco model summary}): the parameter count of each component, in the order
 * the model applies them.
 *
 * @since 1.3
 */
@ConsumerType
public interface ModelDescription {

    /**
     * @param tokenizer the tokenizer the model sits on (its latent grid, codes and code width)
     * @param prior     the prior the config names
     * @return parameter counts by component name, in model order
     */
    LinkedHashMap<String, Long> parameterCounts(Settings config, TokenizerInfo tokenizer, Prior prior);
}
