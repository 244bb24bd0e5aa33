package org.tecoplatform.data.loader;

import org.tecoplatform.api.BadInputException;

/** The one message for an episode with too few frames, wherever it is found. */
final class ShortEpisodes {

    private ShortEpisodes() {
    }

    static BadInputException tooShort(String id, String location, int frames, int minFrames) {
        return new BadInputException("episode " + id + " (" + location + ") has " + frames + " frames, fewer than the "
                + minFrames + " a sample needs (seq_len); lower seq_len, or skip short episodes (ShortEpisodePolicy.SKIP)");
    }
}
