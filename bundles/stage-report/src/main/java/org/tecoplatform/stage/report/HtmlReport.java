package org.tecoplatform.stage.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The page: a header and titled sections, with the stylesheet inline so the file opens anywhere
 * without a network. Written as well-formed XML (void elements self-closed, only XML entities) so
 * tools can check it, and it stays valid HTML5.
 */
final class HtmlReport {

    private static final String CSS = """
            :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
                    --context: #2e7d32; --generated: #c62828; --model: #1565c0; --warn: #9a6700; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
            header h1 { font-size: 26px; margin: 0 0 4px; }
            header .sub { color: var(--muted); margin: 0 0 16px; word-break: break-all; }
            h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 16px; margin: 24px 0 8px; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0;
                       background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; word-break: break-all; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
            th, td { padding: 6px 14px; border-bottom: 1px solid var(--line); text-align: left; }
            th { background: var(--panel); font-weight: 600; }
            td + td, th + th { text-align: right; }
            .note { color: var(--muted); font-size: 14px; }
            .missing { color: var(--warn); background: #fff8c5; border: 1px solid #eed888; border-radius: 6px; padding: 8px 12px; }
            figure { margin: 0; }
            figure img { display: block; max-width: 100%; height: auto; image-rendering: pixelated;
                         border: 1px solid var(--line); border-radius: 4px; }
            figcaption, .legend-row { color: var(--muted); font-size: 14px; margin-top: 8px; }
            .swatch { display: inline-block; width: 14px; height: 14px; border: 3px solid; border-radius: 2px;
                      vertical-align: -2px; margin: 0 4px 0 12px; }
            .swatch.context { border-color: var(--context); }
            .swatch.generated { border-color: var(--generated); }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
            svg.chart { width: 100%; height: auto; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
            svg.chart .plot { fill: #fcfcfd; stroke: none; }
            svg.chart .grid { stroke: #eaeef2; stroke-width: 1; }
            svg.chart .axis { stroke: #8c959f; stroke-width: 1; }
            svg.chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
            svg.chart .tick, svg.chart .empty { fill: var(--muted); font-size: 11px; }
            svg.chart .label { fill: var(--muted); }
            svg.chart .chart-title { font-size: 14px; font-weight: 600; }
            footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
            @media (max-width: 600px) { main { padding: 16px 12px 32px; } th, td { padding: 4px 8px; } }
            """;

    private final String title;
    private String header = "";
    private final List<String> sections = new ArrayList<>();
    private String footer = "";

    HtmlReport(String title) {
        this.title = title;
    }

    /** The page's header markup (already escaped). */
    HtmlReport header(String html) {
        header = html;
        return this;
    }

    /** A section: {@code heading} is text, {@code bodyHtml} markup. */
    HtmlReport section(String id, String heading, String bodyHtml) {
        sections.add("<section id=\"" + Html.escape(id) + "\"><h2>" + Html.escape(heading) + "</h2>" + bodyHtml + "</section>\n");
        return this;
    }

    HtmlReport footer(String html) {
        footer = html;
        return this;
    }

    String toHtml() {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header>").append(header).append("</header>\n");
        sections.forEach(b::append);
        b.append("<footer>").append(footer).append("</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** A paragraph saying what is missing and why the section is short. */
    static String missing(String text) {
        return "<p class=\"missing\">" + Html.escape(text) + "</p>";
    }

    static String note(String text) {
        return "<p class=\"note\">" + Html.escape(text) + "</p>";
    }

    /** A definition list of label → value, both text. */
    static String facts(List<String[]> pairs) {
        StringBuilder b = new StringBuilder("<dl class=\"facts\">");
        for (String[] p : pairs) {
            b.append("<dt>").append(Html.escape(p[0])).append("</dt><dd>").append(Html.escape(p[1])).append("</dd>");
        }
        return b.append("</dl>").toString();
    }

    /** Charts side by side where the page is wide enough. */
    static String charts(List<String> svgs) {
        StringBuilder b = new StringBuilder("<div class=\"charts\">");
        svgs.forEach(b::append);
        return b.append("</div>").toString();
    }
}
