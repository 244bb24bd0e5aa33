package org.tecoplatform.launcher.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.npz.NpzFormatException;
import org.tecoplatform.pipeline.run.StageFailedException;

/**
 * The one place that turns what a command threw into its exit code and the line a user reads.
 * The console gets only the message; the exception's class and stack go to {@code teco.log}.
 */
final class Failures {

    /** What a failure means for the user. */
    record Failure(int exitCode, String message) {
    }

    private Failures() {
    }

    static Failure of(Throwable thrown) {
        BadInputException bad = find(thrown, BadInputException.class);
        if (bad != null) {
            return new Failure(ExitCodes.BAD_INPUT, bad.getMessage());
        }
        // A corrupt or truncated npy/npz file is an input that is not what it should be.
        NpzFormatException npz = find(thrown, NpzFormatException.class);
        if (npz != null) {
            return new Failure(ExitCodes.BAD_INPUT, npz.getMessage());
        }
        OutOfMemoryError oom = find(thrown, OutOfMemoryError.class);
        if (oom != null) {
            return new Failure(ExitCodes.FAILURE, String.format(Locale.ROOT,
                    "out of memory (this JVM may use at most %.1f GiB): lower the sizes (batch_size, the model's dims) "
                            + "or give it more with TECO_JAVA_OPTS=-Xmx<size>", Runtime.getRuntime().maxMemory() / 1073741824.0));
        }
        FileSystemException fs = find(thrown, FileSystemException.class);
        if (fs != null) {
            return fileSystem(fs);
        }
        return new Failure(ExitCodes.FAILURE, message(thrown));
    }

    /** A file operation that failed, named: a path the command was given that is not as it must be is bad input. */
    private static Failure fileSystem(FileSystemException e) {
        String file = e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "");
        String why;
        boolean userPath = true;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "already exists and is not a folder";
        } else if (e instanceof NotDirectoryException) {
            why = "is not a folder";
        } else if (e instanceof DirectoryNotEmptyException) {
            why = "is a folder that is not empty";
        } else {
            why = e.getReason() != null ? e.getReason() : "failed";
            userPath = false;
        }
        return new Failure(userPath ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE, file + ": " + why);
    }

    /**
     * The message of the innermost exception that says something of its own: wrappers made with
     * {@code new XException(cause)} only repeat their cause's class and message.
     */
    static String message(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof StageFailedException || t.getMessage() == null
                    || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t.getMessage() == null || t.getMessage().isBlank()) {
            return "internal error (" + t.getClass().getSimpleName() + ")";
        }
        return t.getMessage();
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
