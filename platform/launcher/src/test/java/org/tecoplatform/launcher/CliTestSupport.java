package org.tecoplatform.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.tecoplatform.launcher.cli.Main;

/** Runs {@code teco} in-process and captures what it prints. */
public final class CliTestSupport {

    /** Exit code and output of one command. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private CliTestSupport() {
    }

    public static Result teco(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(rc, out.toString(), err.toString());
    }
}
