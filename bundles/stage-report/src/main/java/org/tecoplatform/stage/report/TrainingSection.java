package org.tecoplatform.stage.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loss curves of TECO training from {@code train/metrics.csv} (columns step, lr, loss,
 * recon_loss, trans_loss, commitment_loss, codebook_loss, perplexity, seconds; one row per log
 * interval) and the tokenizer's training summary from {@code train_tokenizer.json}.
 */
final class TrainingSection {

    static final String STEP = "step";
    private static final String BLUE = "#1565c0";
    private static final String GREEN = "#2e7d32";
    private static final String PURPLE = "#6a1b9a";
    private static final String ORANGE = "#ef6c00";

    private TrainingSection() {
    }

    static String render(Path metricsCsv, Path tokenizerJson) {
        return "<h3>TECO training</h3>" + curves(metricsCsv) + "<h3>Tokenizer training</h3>" + tokenizer(tokenizerJson);
    }

    static String curves(Path metricsCsv) {
        if (!Files.isRegularFile(metricsCsv)) {
            return HtmlReport.missing("No loss curves: " + metricsCsv + " does not exist (the train stage writes it).");
        }
        CsvTable t;
        try {
            t = CsvTable.read(metricsCsv);
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + metricsCsv + ": " + e.getMessage());
        }
        if (!t.has(STEP) || t.rowCount() == 0) {
            return HtmlReport.missing(metricsCsv + " has no rows with a step column yet.");
        }
        double[] step = t.column(STEP);
        List<String> charts = new ArrayList<>();
        chart(charts, t, step, "Total loss", BLUE, "loss");
        chart(charts, t, step, "Reconstruction loss", GREEN, "recon_loss");
        chart(charts, t, step, "Prior (transition) loss", BLUE, "trans_loss");
        SvgLineChart vq = new SvgLineChart("Commitment and codebook losses", "step", "loss");
        if (t.has("commitment_loss")) {
            vq.add(new SvgLineChart.Series("commitment_loss", PURPLE, step, t.column("commitment_loss"), false));
        }
        if (t.has("codebook_loss")) {
            vq.add(new SvgLineChart.Series("codebook_loss", ORANGE, step, t.column("codebook_loss"), true));
        }
        if (t.has("commitment_loss") || t.has("codebook_loss")) {
            charts.add(vq.render());
        }
        StringBuilder b = new StringBuilder(HtmlReport.charts(charts));
        var last = t.lastRow();
        b.append(HtmlReport.note(String.format(java.util.Locale.ROOT, "%d logged intervals; last at step %s: loss %s, perplexity %s, "
                + "learning rate %s.", t.rowCount(), Numbers.format(last.get(STEP)), Numbers.format(last.getOrDefault("loss", Double.NaN)),
                Numbers.format(last.getOrDefault("perplexity", Double.NaN)), Numbers.format(last.getOrDefault("lr", Double.NaN)))));
        return b.toString();
    }

    private static void chart(List<String> into, CsvTable t, double[] step, String title, String color, String column) {
        if (t.has(column)) {
            into.add(new SvgLineChart(title + " (" + column + ")", "step", column)
                    .add(new SvgLineChart.Series(column, color, step, t.column(column), false)).render());
        }
    }

    static String tokenizer(Path json) {
        if (!Files.isRegularFile(json)) {
            return HtmlReport.missing("No tokenizer training summary: " + json + " does not exist (the train_tokenizer stage writes "
                    + "it; a run with a pretrained tokenizer has none).");
        }
        try {
            JsonNode s = JsonFiles.read(json);
            HtmlTable t = new HtmlTable("Quantity", "Value");
            row(t, s, "held_out_psnr", "Held-out PSNR (dB)");
            row(t, s, "held_out_frames", "Held-out frames");
            row(t, s, "final_train_psnr", "Final train PSNR (dB)");
            row(t, s, "final_train_loss", "Final train loss");
            row(t, s, "steps", "Steps");
            if (s.has("seconds")) {
                t.row("Training time", Numbers.seconds(JsonFiles.number(s, "seconds")));
            }
            JsonNode model = s.get("model");
            if (model != null && model.isObject()) {
                row(t, model, "n_codes", "Codebook size");
                row(t, model, "embed_dim", "Code dimension");
                row(t, model, "image_size", "Image size");
            }
            return t.isEmpty() ? HtmlReport.missing(json + " holds none of the expected fields.") : t.render();
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + json + ": " + e.getMessage());
        }
    }

    private static void row(HtmlTable t, JsonNode s, String field, String label) {
        if (s.has(field)) {
            t.row(label, Numbers.format(JsonFiles.number(s, field)));
        }
    }
}
