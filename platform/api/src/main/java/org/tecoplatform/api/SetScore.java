package org.tecoplatform.api;

import java.util.Objects;

/**
 * One score of a whole set of videos (FVD, KVD): computed on chunks of videos, as the original
 * {@code scripts/compute_fvd.py} does, and reported as the mean and standard deviation over the
 * chunks, with a seeded bootstrap confidence interval.
 *
 * @param metric    the score's name ({@code fvd}, {@code kvd})
 * @param value     the mean over chunks
 * @param std       the population standard deviation over chunks (0 for one chunk)
 * @param chunks    the number of chunks
 * @param chunkSize videos per chunk (the last chunk may hold fewer)
 * @param videos    videos in the set
 * @param ciLow     the lower end of the bootstrap confidence interval (NaN when not computed)
 * @param ciHigh    the upper end of the bootstrap confidence interval (NaN when not computed)
 * @param ciLevel   the interval's confidence level, for example 0.95
 * @param bootstrap bootstrap resamples drawn (0 when none)
 * @param seed      the bootstrap's seed
 * @param higherIsBetter whether larger values mean better videos (false for FVD and KVD)
 * @since 1.5
 */
public record SetScore(String metric, double value, double std, int chunks, int chunkSize, int videos, double ciLow,
                       double ciHigh, double ciLevel, int bootstrap, long seed, boolean higherIsBetter) {

    public SetScore {
        Objects.requireNonNull(metric, "metric");
    }
}
