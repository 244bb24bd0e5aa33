package org.tecoplatform.nn;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a folder of model files (an exported tokenizer, a checkpoint's ONNX graphs) beside its
 * target and renames it into place, so a reader never sees half of it (the files inside are written
 * with {@link AtomicFiles}, which forces them to disk); an older folder of the
 * same name is replaced, and a failed write leaves nothing behind.
 */
public final class AtomicDirectory {

    /** Fills the temporary folder. */
    public interface Contents {
        void writeInto(Path tmp) throws IOException;
    }

    private AtomicDirectory() {
    }

    public static void write(Path dir, Contents contents) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".tmp-" + dir.getFileName() + "-");
        try {
            contents.writeInto(tmp);
            Path old = null;
            if (Files.exists(dir)) {
                old = parent.resolve(".tmp-old-" + dir.getFileName() + "-" + System.nanoTime());
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            // The rename is durable only once the parent folder is on disk.
            AtomicFiles.syncFolder(parent);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Deletes a file tree (children first); nothing when absent. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
