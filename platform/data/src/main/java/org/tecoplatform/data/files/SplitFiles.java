package org.tecoplatform.data.files;

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
 * The files of one split in the original layouts: {@code <root>/<split>/<subfolder>/*<suffix>}
 * (and, where the layout allows, files directly in the split folder), in a stable order (by path
 * under the split folder, '/'-separated). Only regular files count, so a named pipe cannot block a
 * reader; hidden files and folders (a leading '.', e.g. temporary files of atomic writes) are left
 * out; links are followed, since dataset folders often point to other disks (one that leads nowhere is
 * listed, so its reader reports it as a bad file).
 */
public final class SplitFiles {

    /** The split folder and one level of subfolders. */
    private static final int MAX_DEPTH = 2;

    private SplitFiles() {
    }

    public static Path splitFolder(Path root, Split split) {
        return root.resolve(split.folder());
    }

    /**
     * The split's files ending in {@code suffix} (case-insensitive); empty when the folder is missing.
     *
     * @param inSplitFolder whether files directly in the split folder belong to the layout
     * @param what          what the files are, for the error message ("episode files", "videos")
     */
    public static List<Path> list(Path root, Split split, String suffix, boolean inSplitFolder, String what) {
        Path dir = splitFolder(root, split);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    // A link that cannot be followed (dangling, or a loop) is kept: the reader then names it as a bad
                    // file, instead of it silently missing from the dataset.
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !hidden(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(lower)
                            && (inSplitFolder || !f.getParent().equals(dir))) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new BadInputException("cannot list the " + what + " under " + dir + ": " + why, e);
        }
        files.sort(Comparator.comparing(f -> relative(dir, f)));
        return files;
    }

    /** The file's path under its split folder, '/'-separated on every platform. */
    public static String relative(Path splitDir, Path file) {
        return splitDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** A stable id, unique within the dataset: the split and the path under it without the suffix ({@code train/0001/ep_b}). */
    public static String id(Path root, Split split, Path file, String suffix) {
        String rel = relative(splitFolder(root, split), file);
        return split.folder() + "/" + rel.substring(0, rel.length() - suffix.length());
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
