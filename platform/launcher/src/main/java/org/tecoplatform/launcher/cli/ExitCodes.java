package org.tecoplatform.launcher.cli;

/** The exit codes of {@code teco}. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** Something failed while running (a stage threw, an I/O error). */
    public static final int FAILURE = 1;
    /** Bad usage, config or input: fix the command, the config or the files. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
