package org.tecoplatform.dataset.npz;

import java.nio.file.Path;
import java.util.List;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.files.SplitFiles;

/**
 * A split's episode files in the original layout: {@code <root>/<split>/*.npz} and
 * {@code <root>/<split>/<any-subfolder>/*.npz} (see {@link SplitFiles} for order and what is left out).
 */
final class EpisodeFiles {

    private static final String SUFFIX = ".npz";

    private EpisodeFiles() {
    }

    static Path splitFolder(Path root, Split split) {
        return SplitFiles.splitFolder(root, split);
    }

    /** The episode files of one split; empty when the folder is missing. */
    static List<Path> list(Path root, Split split) {
        return SplitFiles.list(root, split, SUFFIX, true, "episode files");
    }

    /** A stable id, unique within the dataset: {@code train/0001/ep_b}. */
    static String id(Path root, Split split, Path file) {
        return SplitFiles.id(root, split, file, SUFFIX);
    }
}
