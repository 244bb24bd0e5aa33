package org.tecoplatform.api.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers (a re-run, a resume, another program) find either the old file or
 * the complete new one, even after a kill, a power loss or a full disk: the bytes go to a temporary
 * file in the same folder, which is forced to disk, moved over the target in one atomic rename, and
 * the folder is forced so the rename itself survives. A write that fails removes its temporary file
 * and names the target in its message. The folder must exist (a write never makes folders). Temporary names are hidden and random
 * ({@code .<name>.<random>.tmp}), so concurrent writers never share one and listings skip them.
 */
public final class AtomicFiles {

    /** Temporary files start with this and end with {@link #TEMP_SUFFIX}, so leftovers can be found. */
    public static final String TEMP_PREFIX = ".";
    public static final String TEMP_SUFFIX = ".tmp";

    /** Writes the file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills a temporary file by path (for libraries that open the file themselves). */
    @FunctionalInterface
    public interface PathBody {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void writeString(Path target, CharSequence text) throws IOException {
        writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code target} from a stream (buffered; not to be closed by the body). */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = tempFor(abs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                // Not closed through the stream: the channel must stay open until it is forced to disk.
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            moveIntoPlace(tmp, abs);
        } catch (IOException e) {
            throw named(abs, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code target} through a temporary path the body fills (an image writer, a JSON mapper, Arrow). */
    public static void writeVia(Path target, PathBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = tempFor(abs);
        try {
            body.writeTo(tmp);
            commit(tmp, abs);
        } catch (IOException e) {
            throw named(abs, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A fresh hidden temporary name beside {@code target}. */
    public static Path tempFor(Path target) {
        return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
    }

    /** Forces a finished temporary file to disk and moves it over {@code target} (see the class comment). */
    public static void commit(Path tmp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        moveIntoPlace(tmp, target);
    }

    /** Renames a finished file or folder over {@code target} and forces the folder holding it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(target.toAbsolutePath().getParent());
    }

    /** Forces a folder's entries (a rename, a new file) to disk; a no-op where the platform cannot open folders. */
    public static void syncFolder(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; there the rename is as durable as the platform makes it.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }

    /** The failure with the target named: a full disk during a checkpoint says which file it was writing. */
    private static IOException named(Path target, IOException e) {
        if (e.getMessage() != null && e.getMessage().contains(target.toString())) {
            return e;
        }
        return new IOException("cannot write " + target + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }
}
