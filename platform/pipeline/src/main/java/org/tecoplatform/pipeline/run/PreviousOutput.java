package org.tecoplatform.pipeline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage redone with {@code --force}: its finished folder is moved aside to
 * {@code .<stage>.previous} (not deleted) and only removed once the new run of the stage has
 * finished; if the new run fails, the previous folder is put back. A run killed in between
 * leaves the previous folder aside, and the next run keeps it until the stage finishes.
 */
final class PreviousOutput {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousOutput.class);

    private PreviousOutput() {
    }

    static Path of(Path stageDir) {
        return stageDir.resolveSibling("." + stageDir.getFileName() + ".previous");
    }

    /** Before a forced stage: moves its folder aside (or, after an interrupted forced run, drops the unfinished one). */
    static void setAside(Path stageDir) throws IOException {
        Path previous = of(stageDir);
        if (Files.exists(previous) && StageMarker.read(stageDir).isPresent()) {
            // Killed after the new run finished but before the old folder was removed: that one is stale.
            Folders.delete(previous);
        }
        if (!Files.exists(stageDir)) {
            return;
        }
        if (Files.exists(previous)) {
            // An earlier forced run was interrupted: the folder aside is the last finished one; this one never finished.
            Folders.delete(stageDir);
            return;
        }
        Files.move(stageDir, previous, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Stage {}: the finished output is kept in {} until the stage finishes again", stageDir.getFileName(), previous);
    }

    /** After the stage finished: the previous output is no longer needed. */
    static void finished(Path stageDir) throws IOException {
        Folders.delete(of(stageDir));
    }

    /** After the stage failed: the previous output goes back in place (the failed attempt is dropped). */
    static void restore(Path stageDir) throws IOException {
        Path previous = of(stageDir);
        if (!Files.exists(previous)) {
            return;
        }
        Folders.delete(stageDir);
        Files.move(previous, stageDir, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Stage {}: put the previous finished output back in {}", stageDir.getFileName(), stageDir);
    }
}
