package org.tecoplatform.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dataset plugin: describes a dataset and reads its episodes. Readers are stateless
 * services; everything they need comes from the config ({@code data_path}, {@code image_size},
 * {@code seq_len} and the reader's own section). Bad files raise {@link BadInputException}
 * naming the file, what was expected and what was found.
 */
@ConsumerType
public interface DatasetReader extends Plugin {

    /** The dataset's shape and size. */
    DatasetInfo describe(Settings config);

    /** The episodes of one split, in a stable order. */
    List<EpisodeRef> episodes(Settings config, Split split);

    /** Reads one episode, or the given window of it. */
    Episode read(Settings config, EpisodeRef ref, FrameWindow window);

    /**
     * Problems in a split that did not stop the reader (files it leaves out under a "skip bad
     * files" policy), one message each naming the file and what is wrong. Empty by default.
     *
     * @since 1.1
     */
    default List<String> problems(Settings config, Split split) {
        return List.of();
    }
}
