package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link MetricSession} that scores each video frame by frame (LPIPS).
 *
 * @since 1.5
 */
@ConsumerType
public interface VideoMetricSession extends MetricSession {

    /** Per-frame scores of {@code fake} against {@code real} on frames {@code [contextFrames, T)}, as {@link Metric#score}. */
    MetricScore score(Video real, Video fake, int contextFrames);
}
