package org.tecoplatform.stage.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart as an inline SVG string: axes, "nice" ticks (1, 2, 5 × 10^k), grid, axis labels,
 * and a legend when there is more than one series. Pure: series in, markup out. Points with a
 * non-finite x or y are skipped and break the line there; a point with no finite neighbour is
 * drawn as a dot, so a one-point series still shows. A constant series gets a small range around
 * its value instead of a zero-height axis. The SVG scales to its container's width.
 */
public final class SvgLineChart {

    /** One line: {@code y[i]} at {@code x[i]}; {@code dashed} for reference lines such as a baseline. */
    public record Series(String name, String color, double[] x, double[] y, boolean dashed) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(color, "color");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values for " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        /** y against 0, 1, 2, ... */
        public static Series indexed(String name, String color, double[] y, boolean dashed) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            return new Series(name, color, x, y, dashed);
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int LEFT = 68;
    private static final int RIGHT = 18;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int TICKS = 5;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    public SvgLineChart add(Series s) {
        series.add(Objects.requireNonNull(s, "series"));
        return this;
    }

    /** The chart as one {@code <svg>} element. */
    public String render() {
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
        b.append("<title>").append(Html.escape(title)).append("</title>");
        b.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"20\">").append(Html.escape(title)).append("</text>");
        Range xs = Range.of(series, true);
        Range ys = Range.of(series, false);
        if (xs == null || ys == null) {
            b.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth())
                    .append("\" height=\"").append(plotHeight()).append("\"/>");
            b.append("<text class=\"empty\" x=\"").append(LEFT + plotWidth() / 2).append("\" y=\"").append(TOP + plotHeight() / 2)
                    .append("\" text-anchor=\"middle\">no finite values to plot</text>");
            return b.append("</svg>").toString();
        }
        Axis x = Axis.nice(xs.min, xs.max);
        Axis y = Axis.nice(ys.min, ys.max);
        axes(b, x, y);
        int index = 0;
        for (Series s : series) {
            line(b, s, x, y, index++);
        }
        legend(b);
        return b.append("</svg>").toString();
    }

    private void axes(StringBuilder b, Axis x, Axis y) {
        b.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth())
                .append("\" height=\"").append(plotHeight()).append("\"/>");
        for (double t : y.ticks()) {
            String py = num(py(t, y));
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth()).append("\" y1=\"").append(py)
                    .append("\" y2=\"").append(py).append("\"/>");
            b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(py)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(Html.escape(Numbers.tick(t, y.step)))
                    .append("</text>");
        }
        for (double t : x.ticks()) {
            String px = num(px(t, x));
            b.append("<line class=\"grid\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + plotHeight()).append("\" x1=\"").append(px)
                    .append("\" x2=\"").append(px).append("\"/>");
            b.append("<text class=\"tick\" x=\"").append(px).append("\" y=\"").append(TOP + plotHeight() + 16)
                    .append("\" text-anchor=\"middle\">").append(Html.escape(Numbers.tick(t, x.step))).append("</text>");
        }
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth()).append("\" y1=\"")
                .append(TOP + plotHeight()).append("\" y2=\"").append(TOP + plotHeight()).append("\"/>");
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(TOP + plotHeight()).append("\"/>");
        b.append("<text class=\"label\" x=\"").append(LEFT + plotWidth() / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>");
        int cy = TOP + plotHeight() / 2;
        b.append("<text class=\"label\" x=\"14\" y=\"").append(cy).append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(cy).append(")\">").append(Html.escape(yLabel)).append("</text>");
    }

    private static void line(StringBuilder b, Series s, Axis x, Axis y, int index) {
        String color = Html.escape(s.color());
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        int run = 0;
        String lastX = "";
        String lastY = "";
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
            if (ok) {
                lastX = num(px(s.x()[i], x));
                lastY = num(py(s.y()[i], y));
                segment.append(run == 0 ? "M" : "L").append(lastX).append(' ').append(lastY);
                run++;
                continue;
            }
            // A gap (or the end): a segment of one point has no length to stroke, so it becomes a dot.
            if (run == 1) {
                dots.append("<circle cx=\"").append(lastX).append("\" cy=\"").append(lastY).append("\" r=\"3\" fill=\"").append(color)
                        .append("\"/>");
            } else if (run > 1) {
                path.append(segment);
            }
            segment.setLength(0);
            run = 0;
        }
        b.append("<g class=\"series series-").append(index).append("\"><title>").append(Html.escape(s.name())).append("</title>");
        if (!path.isEmpty()) {
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
            if (s.dashed()) {
                b.append(" stroke-dasharray=\"6 4\"");
            }
            b.append("/>");
        }
        b.append(dots).append("</g>");
    }

    private void legend(StringBuilder b) {
        if (series.size() < 2) {
            return;
        }
        // Right-aligned on the title row, last series rightmost; ~7 px per character at 12 px.
        int xEnd = WIDTH - RIGHT;
        StringBuilder items = new StringBuilder();
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            int w = 26 + 7 * s.name().length();
            int x0 = xEnd - w;
            String color = Html.escape(s.color());
            items.insert(0, "<g class=\"legend-item\"><line x1=\"" + x0 + "\" x2=\"" + (x0 + 18) + "\" y1=\"16\" y2=\"16\" stroke=\""
                    + color + "\" stroke-width=\"2\"" + (s.dashed() ? " stroke-dasharray=\"6 4\"" : "") + "/><text class=\"legend\" x=\""
                    + (x0 + 22) + "\" y=\"20\">" + Html.escape(s.name()) + "</text></g>");
            xEnd = x0 - 10;
        }
        b.append("<g class=\"legend\">").append(items).append("</g>");
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static double px(double v, Axis a) {
        return LEFT + (v - a.min) / (a.max - a.min) * plotWidth();
    }

    private static double py(double v, Axis a) {
        return TOP + plotHeight() - (v - a.min) / (a.max - a.min) * plotHeight();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The finite extent of all series along one coordinate; null when no point is finite. */
    private record Range(double min, double max) {
        static Range of(List<Series> series, boolean xAxis) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                        double v = xAxis ? s.x()[i] : s.y()[i];
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            return min <= max ? new Range(min, max) : null;
        }
    }

    /** An axis from {@code min} to {@code max}, both multiples of {@code step}. */
    record Axis(double min, double max, double step) {

        /** Widened to whole ticks; a zero-width range is first widened around its value. */
        static Axis nice(double lo, double hi) {
            if (hi - lo <= Math.abs(hi) * 1e-12) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double step = niceStep((hi - lo) / TICKS);
            return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
        }

        static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            long n = Math.round((max - min) / step);
            for (long i = 0; i <= n; i++) {
                out.add(min + i * step);
            }
            return out;
        }
    }
}
