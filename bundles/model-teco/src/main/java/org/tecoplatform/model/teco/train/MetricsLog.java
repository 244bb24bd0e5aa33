package org.tecoplatform.model.teco.train;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv} in the stage folder: one row per log interval (the mean of each loss part
 * over the interval). Rows are appended and flushed as they come, so a crash loses nothing
 * written; a resumed run first drops the rows after the checkpoint it resumes from, so the file
 * reads as one uninterrupted run.
 */
final class MetricsLog {

    static final String FILE = "metrics.csv";
    static final List<String> COLUMNS = List.of("step", "lr", "loss", "recon_loss", "trans_loss", "commitment_loss",
            "codebook_loss", "perplexity", "seconds");

    private final Path file;

    private MetricsLog(Path file) {
        this.file = file;
    }

    /** Opens the log, keeping only the rows up to {@code resumedStep}. */
    static MetricsLog open(Path dir, long resumedStep) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        List<String> keep = new ArrayList<>();
        keep.add(String.join(",", COLUMNS));
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int comma = line.indexOf(',');
                if (comma <= 0) {
                    continue;
                }
                try {
                    if (Long.parseLong(line.substring(0, comma)) <= resumedStep) {
                        keep.add(line);
                    }
                } catch (NumberFormatException header) {
                    // the header line, already added
                }
            }
        }
        AtomicFiles.writeString(file, String.join("\n", keep) + "\n");
        return new MetricsLog(file);
    }

    void append(LossParts p, long step, double lr, double seconds) {
        String row = String.format(Locale.ROOT, "%d,%.6e,%.7g,%.7g,%.7g,%.7g,%.7g,%.7g,%.3f%n", step, lr, p.loss(), p.recon(), p.trans(),
                p.commitment(), p.codebook(), p.perplexity(), seconds);
        try {
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The logged rows as numbers (for reports and tests), header skipped. */
    static List<double[]> read(Path dir) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("step")) {
                continue;
            }
            String[] f = line.split(",");
            double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        return rows;
    }
}
