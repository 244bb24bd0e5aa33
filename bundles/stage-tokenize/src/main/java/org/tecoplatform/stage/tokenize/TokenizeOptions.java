package org.tecoplatform.stage.tokenize;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.data.tokens.TokenCacheWriter;

/**
 * The {@code tokenize:} section.
 *
 * @param batchFrames      frames per {@code TokenizerModel.encode} call
 * @param workers          loader threads reading and decoding episodes ahead of the encoder
 * @param episodesPerShard episodes per token cache shard (what an interruption can lose at most)
 */
record TokenizeOptions(int batchFrames, int workers, int episodesPerShard) {

    static final String SECTION = "tokenize";
    static final String BATCH_FRAMES = "batch_frames";
    static final String WORKERS = "workers";
    static final String EPISODES_PER_SHARD = "episodes_per_shard";

    static final int DEFAULT_BATCH_FRAMES = 64;
    /** Decoding an npz episode takes a small fraction of encoding it, so two readers keep the encoder busy. */
    static final int DEFAULT_WORKERS = 2;

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.of(BATCH_FRAMES, OptionType.INTEGER, DEFAULT_BATCH_FRAMES,
                    "frames per tokenizer encode call (an episode is encoded in pieces of this many frames)"),
            OptionSpec.of(WORKERS, OptionType.INTEGER, DEFAULT_WORKERS,
                    "threads reading and decoding episodes ahead of the encoder"),
            OptionSpec.of(EPISODES_PER_SHARD, OptionType.INTEGER, TokenCacheWriter.DEFAULT_EPISODES_PER_SHARD,
                    "episodes per token cache file; an interrupted run loses at most one file of work"));

    static TokenizeOptions from(Settings config) {
        Settings s = config.section(SECTION);
        return new TokenizeOptions(atLeastOne(s, BATCH_FRAMES, DEFAULT_BATCH_FRAMES), atLeastOne(s, WORKERS, DEFAULT_WORKERS),
                atLeastOne(s, EPISODES_PER_SHARD, TokenCacheWriter.DEFAULT_EPISODES_PER_SHARD));
    }

    private static int atLeastOne(Settings s, String key, int fallback) {
        int v = s.getInt(key, fallback);
        if (v < 1) {
            throw new BadInputException(SECTION + "." + key + ": expected an integer >= 1, found " + v);
        }
        return v;
    }
}
