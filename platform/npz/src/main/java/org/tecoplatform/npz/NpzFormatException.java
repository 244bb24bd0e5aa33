package org.tecoplatform.npz;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An npy or npz file that is not what it should be: a corrupt or truncated zip, a bad npy
 * header, an unsupported dtype, a declared size that does not match or is too large. The
 * message names the file, the member (when there is one), what was expected and what was found.
 */
public class NpzFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String member;
    private final String detail;

    public NpzFormatException(Path file, String member, String detail) {
        this(file, member, detail, null);
    }

    public NpzFormatException(Path file, String member, String detail, Throwable cause) {
        super(compose(file, member, detail), cause);
        this.file = String.valueOf(file);
        this.member = member;
        this.detail = detail;
    }

    /** The file, as given to the reader. */
    public String file() {
        return file;
    }

    /** The zip member ({@code video.npy}), or {@code null} for a plain npy file or the zip as a whole. */
    public String member() {
        return member;
    }

    /** What was wrong, without the file and member. */
    public String detail() {
        return detail;
    }

    private static String compose(Path file, String member, String detail) {
        return file + (member == null ? "" : ", member " + member) + ": " + detail;
    }
}
