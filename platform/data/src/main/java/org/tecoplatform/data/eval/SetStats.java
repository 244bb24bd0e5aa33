package org.tecoplatform.data.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.tecoplatform.api.SetScore;

/**
 * A whole-set score (FVD, KVD) as {@code eval.json} holds it: the mean ± std over chunks of videos
 * (as {@code scripts/compute_fvd.py} prints it) and the seeded bootstrap confidence interval.
 *
 * @param value          mean over chunks
 * @param std            population standard deviation over chunks
 * @param chunks         number of chunks
 * @param chunkSize      videos per chunk
 * @param videos         videos in the set
 * @param ciLow          lower end of the bootstrap interval (NaN when none was drawn)
 * @param ciHigh         upper end of the bootstrap interval
 * @param ciLevel        the interval's level (0.95)
 * @param bootstrap      resamples drawn
 * @param seed           the bootstrap's seed
 * @param higherIsBetter whether larger values are better
 */
@JsonPropertyOrder({"value", "std", "chunks", "chunk_size", "videos", "ci_low", "ci_high", "ci_level", "bootstrap", "seed",
    "higher_is_better"})
public record SetStats(double value, double std, int chunks, @JsonProperty("chunk_size") int chunkSize, int videos,
                       @JsonProperty("ci_low") double ciLow, @JsonProperty("ci_high") double ciHigh,
                       @JsonProperty("ci_level") double ciLevel, int bootstrap, long seed,
                       @JsonProperty("higher_is_better") boolean higherIsBetter) {

    /** The JSON form of a plugin's set score. */
    public static SetStats of(SetScore s) {
        return new SetStats(s.value(), s.std(), s.chunks(), s.chunkSize(), s.videos(), s.ciLow(), s.ciHigh(), s.ciLevel(),
                s.bootstrap(), s.seed(), s.higherIsBetter());
    }
}
