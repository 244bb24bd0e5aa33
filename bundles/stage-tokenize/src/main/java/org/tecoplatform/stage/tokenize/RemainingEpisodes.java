package org.tecoplatform.stage.tokenize;

import java.util.List;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** A dataset reader that lists only the episodes of one split still to encode, so the loader reads nothing else. */
final class RemainingEpisodes implements DatasetReader {

    private final DatasetReader reader;
    private final Split split;
    private final List<EpisodeRef> remaining;

    RemainingEpisodes(DatasetReader reader, Split split, List<EpisodeRef> remaining) {
        this.reader = reader;
        this.split = split;
        this.remaining = List.copyOf(remaining);
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return reader.describe(config);
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split s) {
        if (s != split) {
            throw new IllegalArgumentException("episodes to encode were given for " + split.folder() + ", not " + s.folder());
        }
        return remaining;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        return reader.read(config, ref, window);
    }

    @Override
    public List<String> problems(Settings config, Split s) {
        return reader.problems(config, s);
    }
}
