package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link ModelMetric} opened for scoring: holds its loaded model until closed. It is one of two
 * kinds: a {@link VideoMetricSession} (like LPIPS) is asked for each video's per-frame scores; a
 * {@link SetMetricSession} (FVD) is given every video pair of a named set and asked for the set's
 * scores at the end.
 *
 * @since 1.5
 */
@ConsumerType
public interface MetricSession extends AutoCloseable {

    /** Whether this metric scores each video frame by frame rather than whole sets. */
    default boolean perVideo() {
        return this instanceof VideoMetricSession;
    }

    /** Releases the loaded model. */
    @Override
    void close();
}
