package org.tecoplatform.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a stage that can time its own inner loop on random inputs for a config, without
 * a run folder ({@code teco bench train}, {@code teco bench sample}): the model is built at the
 * config's sizes with random parameters, so a benchmark needs no training and no dataset.
 *
 * @since 1.3
 */
@ConsumerType
public interface StageBenchmark {

    /**
     * @param options the benchmark's settings as text (for example {@code batch=1}, {@code steps=5});
     *                unknown keys are a {@link BadInputException}
     * @return named figures: scalars as one-element arrays, series (per step, per frame) as arrays
     */
    Map<String, double[]> benchmark(Settings config, TokenizerInfo tokenizer, Prior prior, Map<String, String> options);
}
