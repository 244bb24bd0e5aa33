package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A metric that needs something loaded before it can score (a learned network from a model folder:
 * {@code lpips}, {@code fvd}), and that may score a whole set of videos rather than each video
 * ({@code fvd}). It is registered as a {@link Metric} service like any other, so configs and
 * {@code teco bundles} find it by name; an evaluation that finds this interface opens one
 * {@link MetricSession} with the run's config, scores through it and closes it.
 *
 * <p>{@link Metric#score} on the service itself (without a session) is not expected to work for
 * such a metric: it throws {@link BadInputException} saying to open a session.
 *
 * @since 1.5
 */
@ConsumerType
public interface ModelMetric extends Metric {

    /**
     * Loads what the metric needs from the resolved config (the metric reads its own section, named
     * after it, for example {@code lpips.model}). A missing or inconsistent model folder is a
     * {@link BadInputException} naming the folder, the file or key, what was expected, what was
     * found, and the tool that makes the folder.
     */
    MetricSession open(Settings config);
}
