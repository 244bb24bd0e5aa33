package org.tecoplatform.dataset.kinetics;

import java.nio.file.Path;
import java.util.List;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.files.SplitFiles;

/**
 * Finds a split's videos: {@code <root>/<split>/<class>/*.mp4}, in a stable order (by
 * '/'-separated path under the split folder). Only regular files count, so a named pipe called
 * {@code x.mp4} cannot block the reader; hidden files and folders (a leading '.') are left out.
 */
final class VideoFiles {

    static final String VIDEO_SUFFIX = ".mp4";
    static final String SIDECAR_SUFFIX = ".npz";

    private VideoFiles() {
    }

    static Path splitFolder(Path root, Split split) {
        return SplitFiles.splitFolder(root, split);
    }

    /** The videos of one split (in class folders only: a video directly in the split folder has no class). */
    static List<Path> list(Path root, Split split) {
        return SplitFiles.list(root, split, VIDEO_SUFFIX, false, "videos");
    }

    /** A stable id, unique within the dataset: {@code train/abseiling/0a1b2c3d_000010_000020}. */
    static String id(Path root, Split split, Path file) {
        return SplitFiles.id(root, split, file, VIDEO_SUFFIX);
    }

    /** The optional action file beside a video: same stem, {@code .npz}. */
    static Path sidecar(Path video) {
        String name = video.getFileName().toString();
        return video.resolveSibling(name.substring(0, name.length() - VIDEO_SUFFIX.length()) + SIDECAR_SUFFIX);
    }
}
