package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.launcher.logging.LogSetup;
import org.tecoplatform.launcher.natives.NativeBuilds;
import picocli.CommandLine;

/** Entry point of {@code bin/teco}. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code teco args}, writing to the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // Before anything can touch ND4J: JavaCPP must be told which native build this CPU can run.
        try {
            NativeBuilds.select();
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        CommandLine cli = new CommandLine(new TecoCommand());
        // Descriptions are written as lines of up to ~115 characters; at the default 80 columns picocli
        // would break every one of them a second time.
        cli.setUsageHelpWidth(120);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        cli.setParameterExceptionHandler((e, argsGiven) -> {
            CommandLine c = e.getCommandLine();
            // An option's setter that refused its value (--log-level) is bad input: its message, not picocli's wrapper.
            if (e.getCause() != null) {
                return report(e.getCause(), c.getErr());
            }
            c.getErr().println("error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            }
            return ExitCodes.BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (Throwable e) {
            // picocli passes Errors (OutOfMemoryError, ...) through: they get the same treatment.
            return report(e, err);
        }
    }

    /** Prints the failure's message (its class and stack go to the log) and returns its exit code. */
    private static int report(Throwable e, PrintWriter err) {
        Failures.Failure f = Failures.of(e);
        if (f.exitCode() == ExitCodes.BAD_INPUT) {
            LOG.debug("Bad input", e);
            err.println("error: " + f.message());
        } else {
            LOG.debug("Failed", e);
            err.println("error: " + f.message() + LogSetup.logFile().map(l -> " (details in " + l + ")").orElse(""));
        }
        err.flush();
        return f.exitCode();
    }
}
