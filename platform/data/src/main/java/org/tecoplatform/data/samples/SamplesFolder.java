package org.tecoplatform.data.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The names of samples folders: {@code samples_<ctx>} or, with actions, {@code samples_action_<ctx>}. */
public final class SamplesFolder {

    private static final Pattern NAME = Pattern.compile("samples(_action)?_(\\d+)");

    private SamplesFolder() {
    }

    /** The folder name {@code scripts/sample.py} gives: {@code samples[_action]_<ctx>}. */
    public static String name(boolean includeActions, int contextFrames) {
        if (contextFrames < 0) {
            throw new IllegalArgumentException("context frames must be >= 0, got " + contextFrames);
        }
        return "samples" + (includeActions ? "_action" : "") + "_" + contextFrames;
    }

    /**
     * The context length a folder's name gives. Like {@code compute_metrics.py}, which takes the
     * number after the last underscore, but only for names of the form {@link #name} says.
     */
    public static OptionalInt contextFrames(Path folder) {
        Matcher m = NAME.matcher(fileName(folder));
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty(); // more digits than an int holds
        }
    }

    /** Whether the name says the videos were sampled with the real actions ({@code samples_action_<ctx>}). */
    public static boolean includesActions(Path folder) {
        Matcher m = NAME.matcher(fileName(folder));
        return m.matches() && m.group(1) != null;
    }

    /** Whether {@code folder} is named like a samples folder. */
    public static boolean isSamplesFolder(Path folder) {
        return NAME.matcher(fileName(folder)).matches();
    }

    /** The samples folders directly under {@code dir}, sorted by name; empty when there are none or no {@code dir}. */
    public static List<Path> find(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(SamplesFolder::isSamplesFolder)
                    .sorted(Comparator.comparing(SamplesFolder::fileName)).toList();
        }
    }

    private static String fileName(Path p) {
        Path name = p.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }
}
