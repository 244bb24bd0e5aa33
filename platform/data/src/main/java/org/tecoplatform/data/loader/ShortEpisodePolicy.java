package org.tecoplatform.data.loader;

/** What to do with an episode that has fewer frames than {@code seqLen}. */
public enum ShortEpisodePolicy {
    /** Stop with a {@link org.tecoplatform.api.BadInputException} naming the episode (the default). */
    FAIL,
    /** Leave the episode out and log a warning. */
    SKIP
}
