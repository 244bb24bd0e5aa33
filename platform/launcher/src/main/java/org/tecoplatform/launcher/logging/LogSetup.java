package org.tecoplatform.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;

/**
 * Logging for the CLI, set up in code (found by logback through its Configurator service, which
 * is faster than parsing XML): messages at the chosen level to stderr; everything from DEBUG
 * up to the run's log file once there is an output folder. Libraries log at WARN and above.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final String CONSOLE = "console";
    private static final String FILE = "file";
    /** The console shows messages only: a stack trace goes to the run's log (or to the console at debug and trace). */
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %msg%n%nopex";
    private static final String CONSOLE_DEBUG_PATTERN = "%d{HH:mm:ss} %-5level %msg%n";

    private static volatile Path logFile;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel("INFO");
        threshold.start();
        console.addFilter(threshold);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("org.tecoplatform").setLevel(Level.DEBUG);
        // ND4J warns about its own op registry (duplicate TF import mappings, op fields) on every
        // first SameDiff use: nothing a user can act on.
        context.getLogger("org.nd4j.imports.converters.ImportClassMapping").setLevel(Level.ERROR);
        context.getLogger("org.nd4j.autodiff.functions.DifferentialFunction").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets what reaches the console: error, warn, info, debug or trace. */
    public static void consoleLevel(String level) {
        Level parsed = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
        if (parsed == null) {
            throw new BadInputException("--log-level must be one of error, warn, info, debug, trace; got '" + level + "'");
        }
        Logger root = root();
        if (root.getAppender(CONSOLE) instanceof ConsoleAppender<ILoggingEvent> console) {
            console.clearAllFilters();
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(parsed.levelStr);
            threshold.start();
            console.addFilter(threshold);
            console.setEncoder(encoder(root.getLoggerContext(),
                    parsed.toInt() <= Level.DEBUG.toInt() ? CONSOLE_DEBUG_PATTERN : CONSOLE_PATTERN));
        }
        if (parsed.toInt() < Level.WARN.toInt()) {
            root.setLevel(parsed.toInt() < Level.INFO.toInt() ? parsed : Level.WARN);
        }
    }

    /** Also writes the log to {@code file} (appending, so a resumed run keeps its history). */
    public static void logTo(Path file) {
        Logger root = root();
        LoggerContext context = root.getLoggerContext();
        if (root.getAppender(FILE) instanceof FileAppender<ILoggingEvent> old) {
            root.detachAppender(old);
            old.stop();
        }
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(FILE);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n"));
        appender.start();
        root.addAppender(appender);
        logFile = file;
    }

    /** The log file {@link #logTo} set, if any. */
    public static java.util.Optional<Path> logFile() {
        return java.util.Optional.ofNullable(logFile);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
