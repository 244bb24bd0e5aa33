package org.tecoplatform.stage.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numeric CSV file with a header row, such as the train stage's {@code metrics.csv}, read by
 * column name. A cell that is empty or not a number reads as NaN (charts skip it), so one odd
 * row does not lose the whole curve; {@code inf}/{@code nan} as numpy writes them are understood.
 */
final class CsvTable {

    private final List<String> columns;
    private final List<double[]> rows;

    private CsvTable(List<String> columns, List<double[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    static CsvTable read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static CsvTable parse(List<String> lines) {
        List<String> columns = null;
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == null) {
                columns = new ArrayList<>();
                for (String c : cells) {
                    columns.add(c.trim());
                }
                continue;
            }
            double[] row = new double[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i < cells.length ? number(cells[i]) : Double.NaN;
            }
            rows.add(row);
        }
        return new CsvTable(columns == null ? List.of() : columns, rows);
    }

    List<String> columns() {
        return columns;
    }

    int rowCount() {
        return rows.size();
    }

    boolean has(String column) {
        return columns.contains(column);
    }

    /** The column's values, one per row. */
    double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + name + "' (columns: " + String.join(", ", columns) + ")");
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }

    /** The last row as column → value, or an empty map. */
    Map<String, Double> lastRow() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            double[] last = rows.get(rows.size() - 1);
            for (int i = 0; i < columns.size(); i++) {
                out.put(columns.get(i), last[i]);
            }
        }
        return out;
    }

    static double number(String cell) {
        String s = cell.trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }
}
