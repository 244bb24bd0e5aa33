package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            BadInputException bad = badInput(e);
            if (bad != null) {
                LOG.debug("Bad input", e);
                commandLine.getErr().println("error: " + bad.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            LOG.error("Failed", e);
            commandLine.getErr().println("error: " + e.getMessage() + " (the run's teco.log has the details)");
            return ExitCodes.FAILURE;
        });
        cli.setParameterExceptionHandler((e, argsGiven) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            }
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** The bad-input exception behind {@code e}, if any (stages wrap what plugins throw). */
    static BadInputException badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException b) {
                return b;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
