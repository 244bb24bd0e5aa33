package org.tecoplatform.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link ModelMetric} opened for scoring: holds its loaded model until closed. A per-video
 * metric ({@link #perVideo()} true, like LPIPS) is asked for each video's per-frame scores; a set
 * metric (FVD) is given every video pair of a named set and asked for the set's scores at the end.
 *
 * @since 1.5
 */
@ConsumerType
public interface MetricSession extends AutoCloseable {

    /** Whether this metric scores each video frame by frame ({@link #score}) rather than whole sets ({@link #add}). */
    boolean perVideo();

    /**
     * Per-frame scores of {@code fake} against {@code real} on frames {@code [contextFrames, T)}, as
     * {@link Metric#score}; only for a per-video metric.
     */
    MetricScore score(Video real, Video fake, int contextFrames);

    /**
     * Adds one video pair to the set named {@code set} (for example {@code model} or
     * {@code copy_last_frame}); only for a set metric. Bad input (a shape the model cannot take)
     * is a {@link BadInputException} naming what was expected and found.
     */
    void add(String set, Video real, Video fake, int contextFrames);

    /**
     * The scores of the set named {@code set} after all its pairs were added (for FVD: FVD and KVD);
     * too few pairs for the metric is a {@link BadInputException} saying how many it needs.
     */
    List<SetScore> finish(String set);

    /** Releases the loaded model. */
    @Override
    void close();
}
