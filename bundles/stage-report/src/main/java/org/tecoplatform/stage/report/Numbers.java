package org.tecoplatform.stage.report;

import java.util.Locale;

/** How numbers read in the report: a few significant digits, thousands grouped, ∞ for PSNR of perfect frames. */
final class Numbers {

    /** Shown where a value is missing or not a number. */
    static final String NONE = "—";

    private Numbers() {
    }

    /** A value with about four significant digits: 21.37, 0.8123, 1.234e-05, 12,345; whole numbers as such. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1e7 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Mean ± standard deviation, both with the decimals the deviation warrants (at least two). */
    static String meanStd(double mean, double std) {
        if (!Double.isFinite(mean) || !Double.isFinite(std)) {
            return format(mean) + " ± " + format(std);
        }
        int decimals = 2;
        if (std > 0 && std < 0.01) {
            decimals = Math.min(6, 1 - (int) Math.floor(Math.log10(std)));
        }
        if (Math.abs(mean) < 0.01 && mean != 0) {
            return format(mean) + " ± " + format(std);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, std);
    }

    /** Seconds as a duration: 12.3 s, 4 min 05 s, 2 h 03 min. */
    static String seconds(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return NONE;
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }

    /** A tick label for a tick at {@code v} on an axis whose ticks are {@code step} apart. */
    static String tick(double v, double step) {
        if (Math.abs(v) < step * 1e-9) {
            return "0";
        }
        double a = Math.max(Math.abs(v), step);
        if (a >= 1e6 || step < 1e-4) {
            return String.format(Locale.ROOT, "%.2g", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
