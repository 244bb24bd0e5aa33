package org.tecoplatform.dataset.kinetics;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/**
 * Finds a split's videos: {@code <root>/<split>/<class>/*.mp4}, in a stable order (by
 * '/'-separated path under the split folder). Only regular files count, so a named pipe called
 * {@code x.mp4} cannot block the reader; hidden files and folders (a leading '.') are left out.
 */
final class VideoFiles {

    static final String VIDEO_SUFFIX = ".mp4";
    static final String SIDECAR_SUFFIX = ".npz";

    /** The split folder and its class folders, as in the Kinetics layout. */
    private static final int CLASS_DEPTH = 2;

    private VideoFiles() {
    }

    static Path splitFolder(Path root, Split split) {
        return root.resolve(split.folder());
    }

    /** The videos of one split; empty when the folder is missing. */
    static List<Path> list(Path root, Split split) {
        Path dir = splitFolder(root, split);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            // Dataset folders are often symlinks into other disks, so links are followed.
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), CLASS_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    // A video directly in the split folder has no class: not part of the layout.
                    if (attrs.isRegularFile() && !hidden(f) && isVideo(f) && !f.getParent().equals(dir)) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BadInputException("cannot list the videos under " + dir + ": " + e, e);
        }
        files.sort(Comparator.comparing(f -> relative(dir, f)));
        return files;
    }

    /** A stable id, unique within the dataset: {@code train/abseiling/0a1b2c3d_000010_000020}. */
    static String id(Path root, Split split, Path file) {
        String rel = relative(splitFolder(root, split), file);
        return split.folder() + "/" + rel.substring(0, rel.length() - VIDEO_SUFFIX.length());
    }

    /** The optional action file beside a video: same stem, {@code .npz}. */
    static Path sidecar(Path video) {
        String name = video.getFileName().toString();
        return video.resolveSibling(name.substring(0, name.length() - VIDEO_SUFFIX.length()) + SIDECAR_SUFFIX);
    }

    private static boolean isVideo(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(VIDEO_SUFFIX);
    }

    private static String relative(Path splitDir, Path file) {
        return splitDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
