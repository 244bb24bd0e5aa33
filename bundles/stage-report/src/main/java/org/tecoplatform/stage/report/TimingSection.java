package org.tecoplatform.stage.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the stages took, from their summaries: {@code train_tokenizer.json} and
 * {@code train.json} ({@code seconds} of training, {@code stage_seconds} of the whole stage),
 * {@code sample.json} ({@code seconds}, {@code generated_frames_per_second}).
 */
final class TimingSection {

    private TimingSection() {
    }

    static String render(Path tokenizerJson, Path trainJson, Path sampleJson) {
        HtmlTable t = new HtmlTable("Stage", "Training / rollout", "Whole stage", "Detail");
        List<String> missing = new ArrayList<>();
        JsonNode tok = read(tokenizerJson, missing);
        if (tok != null) {
            t.row("train_tokenizer", Numbers.seconds(JsonFiles.number(tok, "seconds")), Numbers.seconds(JsonFiles.number(tok, "stage_seconds")),
                    steps(tok));
        }
        JsonNode train = read(trainJson, missing);
        if (train != null) {
            t.row("train", Numbers.seconds(JsonFiles.number(train, "seconds")), Numbers.seconds(JsonFiles.number(train, "stage_seconds")),
                    steps(train));
        }
        JsonNode sample = read(sampleJson, missing);
        if (sample != null) {
            double fps = JsonFiles.number(sample, "generated_frames_per_second");
            t.row("sample", Numbers.seconds(JsonFiles.number(sample, "rollout_seconds")), Numbers.seconds(JsonFiles.number(sample, "seconds")),
                    Double.isFinite(fps) ? Numbers.format(fps) + " generated frames/s" : Numbers.NONE);
        }
        StringBuilder b = new StringBuilder();
        if (!t.isEmpty()) {
            b.append(t.render());
        }
        missing.forEach(m -> b.append(HtmlReport.missing(m)));
        return b.toString();
    }

    private static JsonNode read(Path file, List<String> missing) {
        if (!Files.isRegularFile(file)) {
            missing.add("No timing from " + file + ": it does not exist.");
            return null;
        }
        try {
            return JsonFiles.read(file);
        } catch (IOException e) {
            missing.add("Could not read " + file + ": " + e.getMessage());
            return null;
        }
    }

    private static String steps(JsonNode s) {
        double steps = JsonFiles.number(s, "steps");
        if (!Double.isFinite(steps)) {
            return Numbers.NONE;
        }
        double from = JsonFiles.number(s, "resumed_from_step");
        return Numbers.format(steps) + " steps" + (Double.isFinite(from) && from > 0 ? " (resumed at " + Numbers.format(from) + ")" : "");
    }
}
