package org.tecoplatform.pipeline.run;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The file that says a stage finished: {@code <stage>/.teco-stage-done}, holding when it
 * finished and a hash of the config it ran with. Written atomically, after the stage returned,
 * so a crash never leaves a stage marked done.
 */
final class StageMarker {

    static final String FILE = ".teco-stage-done";

    private StageMarker() {
    }

    /**
     * @param continueHash the hash of the config without the keys that let the stage continue
     *                     ({@link org.tecoplatform.api.Stage#continuedBy})
     */
    static void write(Path stageDir, String configHash, String continueHash) throws IOException {
        AtomicFiles.writeString(stageDir.resolve(FILE), "finished=" + Instant.now() + "\nconfig=" + configHash + "\ncontinue="
                + continueHash + "\n");
    }

    /** The config hash the stage finished with, if it finished. */
    static Optional<String> read(Path stageDir) throws IOException {
        return read(stageDir, "config=");
    }

    /** The hash of the config without the keys that let the stage continue ("" from markers older than it). */
    static Optional<String> readContinue(Path stageDir) throws IOException {
        return read(stageDir, "continue=");
    }

    private static Optional<String> read(Path stageDir, String prefix) throws IOException {
        Path f = stageDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).findFirst().or(() -> Optional.of(""));
    }

    static void clear(Path stageDir) throws IOException {
        Files.deleteIfExists(stageDir.resolve(FILE));
    }
}
