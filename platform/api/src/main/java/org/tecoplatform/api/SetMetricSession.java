package org.tecoplatform.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link MetricSession} that scores whole sets of videos (FVD): every pair of a named set is
 * added, then the set's scores are asked for.
 *
 * @since 1.5
 */
@ConsumerType
public interface SetMetricSession extends MetricSession {

    /**
     * Adds one video pair to the set named {@code set} (for example {@code model} or
     * {@code copy_last_frame}). Bad input (a shape the model cannot take) is a
     * {@link BadInputException} naming what was expected and found.
     */
    void add(String set, Video real, Video fake, int contextFrames);

    /**
     * The scores of the set named {@code set} after all its pairs were added (for FVD: FVD and KVD);
     * too few pairs for the metric is a {@link BadInputException} saying how many it needs.
     */
    List<SetScore> finish(String set);
}
