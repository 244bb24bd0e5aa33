package org.tecoplatform.stage.report;

import java.util.ArrayList;
import java.util.List;

/** A plain HTML table; every cell is text and is escaped here. Columns after the first are right-aligned numbers. */
final class HtmlTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    HtmlTable(String... headers) {
        this.headers = List.of(headers);
    }

    HtmlTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(Html.escape(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (String c : r) {
                b.append("<td>").append(Html.escape(c)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
