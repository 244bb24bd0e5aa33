package org.tecoplatform.pipeline.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A config as read from its file, before validation: the nested values, the file, and the
 * line of each dotted key (for messages).
 */
public record RawConfig(Path file, Map<String, Object> values, Map<String, Integer> lines) {

    /** "quickstart.yaml:12" for a key read from the file, the file name alone otherwise. */
    public String where(String dottedKey) {
        Integer line = lines.get(dottedKey);
        String name = file == null ? "config" : file.toString();
        return line == null ? name : name + ":" + line;
    }

    public Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }
}
