package org.tecoplatform.launcher.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tecoplatform.api.BadInputException;

/**
 * The output paths a command was given, checked before it reads or changes anything: a path
 * that cannot be written is refused up front, naming the option, the path and what is in the
 * way, instead of failing after minutes of work.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /** A folder to write into: absent (it will be made) or a writable folder, under folders only. */
    static Path folder(String option, Path given) {
        Path p = given.toAbsolutePath().normalize();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw bad(option, p, "expected a folder, found a file");
        }
        writableAncestor(option, p);
        return p;
    }

    /** A file to write: absent or a writable file, in a folder that exists or can be made. */
    static Path file(String option, Path given) {
        Path p = given.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            throw bad(option, p, "expected a file name, found a folder");
        }
        if (Files.exists(p) && !Files.isWritable(p)) {
            throw bad(option, p, "the file is not writable");
        }
        if (p.getParent() != null) {
            writableAncestor(option, p.getParent());
        }
        return p;
    }

    /** The nearest existing folder on the way to {@code p} must be a writable folder. */
    private static void writableAncestor(String option, Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw bad(option, p, existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw bad(option, p, "the folder " + existing + " is not writable");
        }
    }

    private static BadInputException bad(String option, Path p, String found) {
        return new BadInputException(option + " " + p + ": " + found);
    }
}
