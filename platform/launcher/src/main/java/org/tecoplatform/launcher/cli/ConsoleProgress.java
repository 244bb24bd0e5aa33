package org.tecoplatform.launcher.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.Progress;
import org.tecoplatform.pipeline.run.ProgressFactory;

/**
 * Progress bars on stderr: redrawn in place on a terminal (at most 5 times a second), a line
 * every 10% or 30 s otherwise (CI logs). The final figures also go to the log.
 */
final class ConsoleProgress implements ProgressFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);

    private final PrintStream out;
    private final boolean terminal;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public Progress start(String task, long total, String unit) {
        return new Bar(task, total, unit);
    }

    private final class Bar implements Progress {
        private final String task;
        private final long total;
        private final String unit;
        private final long started = System.nanoTime();
        private long done;
        private long lastDraw;
        private int lastDecile = -1;
        private long lastPrinted = -1;
        private String status = "";
        private long deadline = Long.MAX_VALUE;   // System.nanoTime() by which the task stops, if it said so

        Bar(String task, long total, String unit) {
            this.task = task;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public synchronized void advance(long n) {
            done += n;
            draw(false);
        }

        @Override
        public synchronized void status(String text) {
            status = text == null ? "" : text;
        }

        @Override
        public synchronized void timeLeft(double seconds) {
            deadline = System.nanoTime() + (long) (Math.max(0, seconds) * 1e9);
        }

        @Override
        public synchronized void close() {
            draw(true);
            if (terminal) {
                out.println();
            }
            LOG.debug("{}: {} {} in {}", task, done, unit, seconds(elapsed()));
        }

        private double elapsed() {
            return (System.nanoTime() - started) / 1e9;
        }

        private void draw(boolean last) {
            long now = System.nanoTime();
            if (terminal) {
                if (!last && now - lastDraw < 200_000_000L) {
                    return;
                }
                lastDraw = now;
                out.print("\r" + line() + "\033[K");
                out.flush();
            } else {
                int decile = total > 0 ? (int) (10 * done / total) : -1;
                // Also every 30 s, so a long or time-budgeted task never looks stuck in a log.
                boolean stale = now - lastDraw >= 30_000_000_000L && done != lastPrinted;
                if ((last && done != lastPrinted) || decile > lastDecile || stale) {
                    lastDecile = Math.max(lastDecile, decile);
                    lastPrinted = done;
                    lastDraw = now;
                    out.println(line());
                }
            }
        }

        private String line() {
            double t = elapsed();
            double rate = t > 0 ? done / t : 0;
            StringBuilder b = new StringBuilder(task).append(' ');
            if (total > 0) {
                int width = 24;
                int filled = (int) Math.min(width, width * done / total);
                b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
                b.append(String.format(Locale.ROOT, "%3d%% %d/%d %s", 100 * done / total, done, total, unit));
                double budget = deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                        : Math.max(0, (deadline - System.nanoTime()) / 1e9);
                double byRate = rate > 0 ? (total - done) / rate : Double.POSITIVE_INFINITY;
                if (done < total && Double.isFinite(Math.min(budget, byRate))) {
                    b.append(" ETA ").append(seconds(Math.min(budget, byRate))).append(budget < byRate ? " (time budget)" : "");
                }
            } else {
                b.append(done).append(' ').append(unit);
            }
            b.append(String.format(Locale.ROOT, " (%.1f %s/s)", rate, unit));
            if (!status.isEmpty()) {
                b.append("  ").append(status);
            }
            return b.toString();
        }
    }

    static String seconds(double s) {
        long secs = Math.round(s);
        return secs >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60)
                : String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60);
    }
}
