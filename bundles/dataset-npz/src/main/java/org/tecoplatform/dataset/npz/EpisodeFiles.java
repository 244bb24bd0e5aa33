package org.tecoplatform.dataset.npz;

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
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

/**
 * Finds a split's episode files: {@code <root>/<split>/*.npz} and {@code <root>/<split>/<any-subfolder>/*.npz},
 * in a stable order (by path relative to the split folder, '/'-separated). Hidden files and
 * folders (a leading '.', e.g. temporary files of an atomic write) are left out.
 */
final class EpisodeFiles {

    /** The split folder and its subfolders, as in the original layout. */
    private static final int MAX_DEPTH = 2;

    private EpisodeFiles() {
    }

    static Path splitFolder(Path root, Split split) {
        return root.resolve(split.folder());
    }

    /** The episode files of one split; empty when the folder is missing. */
    static List<Path> list(Path root, Split split) {
        Path dir = splitFolder(root, split);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            // Dataset folders are often symlinks into other disks, so links are followed.
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(f) && f.getFileName().toString().endsWith(".npz")) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BadInputException("cannot list the episode files under " + dir + ": " + e, e);
        }
        files.sort(Comparator.comparing(f -> relative(dir, f)));
        return files;
    }

    /** The file's path under its split folder, '/'-separated on every platform. */
    static String relative(Path splitDir, Path file) {
        return splitDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** A stable id, unique within the dataset: {@code train/0001/ep_b}. */
    static String id(Path root, Split split, Path file) {
        String rel = relative(splitFolder(root, split), file);
        return split.folder() + "/" + rel.substring(0, rel.length() - ".npz".length());
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
