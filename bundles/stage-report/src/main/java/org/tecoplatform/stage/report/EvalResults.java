package org.tecoplatform.stage.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows of {@code eval.json}. The eval stage writes one summary per samples
 * folder, keyed by folder name ({@code {"samples_36": {...}}}, teco-data's
 * {@code EvalSummary.writeAll}); a file holding a single summary ({@code EvalSummary.write}) is
 * read too. Per summary: {@code context_frames}, {@code frames}, {@code videos}, {@code metrics}
 * (name → {@code mean}, {@code std}, {@code count}, {@code per_frame}, {@code higher_is_better})
 * and optionally {@code baseline} ({@code method} and {@code metrics} of the same shape); whole-set
 * scores (FVD, KVD) under {@code sets} and {@code baseline.sets} (name → {@code value}, {@code std}
 * over chunks, {@code chunks}, {@code chunk_size}, {@code videos}, {@code ci_low}, {@code ci_high},
 * {@code ci_level}, {@code bootstrap}, {@code seed}, {@code higher_is_better}), absent when no set
 * metric ran.
 */
record EvalResults(List<Folder> folders) {

    /**
     * One metric's statistics; {@code perFrame[0]} is the first frame after the context.
     * {@code nonFiniteFrames} frames scored ±∞ or NaN (0 when the file does not say), and
     * {@code finiteMean} is the mean over the other frames (NaN when the file does not say).
     */
    record Stats(double mean, double std, int count, double[] perFrame, Boolean higherIsBetter, int nonFiniteFrames,
                 double finiteMean) {
    }

    /**
     * One whole-set score (FVD, KVD): mean and std over chunks of videos, and the bootstrap interval
     * ({@code ciLow}/{@code ciHigh} NaN when none was drawn).
     */
    record SetStat(double value, double std, int chunks, int chunkSize, int videos, double ciLow, double ciHigh,
                   double ciLevel, int bootstrap, long seed, Boolean higherIsBetter) {
    }

    /**
     * A mean over the revisiting frames (those whose real view repeats a context frame), with how
     * many of them scored ±∞ and the mean over the others.
     */
    record RevisitMean(double mean, int nonFiniteFrames, double finiteMean) {
    }

    /** The {@code revisit} block: frames and videos counted, model and baseline ({@code null} if none) means by metric. */
    record Revisit(int frames, int videos, Map<String, RevisitMean> model, Map<String, RevisitMean> baseline) {
    }

    /**
     * One samples folder's summary; {@code baselineMethod} is null when there is no baseline;
     * {@code sets} and {@code baselineSets} are empty when no set metric ran; {@code revisit} is
     * null when no scored frame revisits a context view.
     */
    record Folder(String name, int contextFrames, int frames, int videos, int contextMismatches, Map<String, Stats> metrics,
                  String baselineMethod, Map<String, Stats> baseline, Map<String, SetStat> sets,
                  Map<String, SetStat> baselineSets, Revisit revisit) {

        /** A folder without revisit scores. */
        Folder(String name, int contextFrames, int frames, int videos, int contextMismatches, Map<String, Stats> metrics,
               String baselineMethod, Map<String, Stats> baseline, Map<String, SetStat> sets, Map<String, SetStat> baselineSets) {
            this(name, contextFrames, frames, videos, contextMismatches, metrics, baselineMethod, baseline, sets, baselineSets, null);
        }

        /** A folder without whole-set scores. */
        Folder(String name, int contextFrames, int frames, int videos, int contextMismatches, Map<String, Stats> metrics,
               String baselineMethod, Map<String, Stats> baseline) {
            this(name, contextFrames, frames, videos, contextMismatches, metrics, baselineMethod, baseline, Map.of(), Map.of());
        }
    }

    static EvalResults read(Path file) throws IOException {
        return of(JsonFiles.read(file));
    }

    static EvalResults of(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        List<Folder> folders = new ArrayList<>();
        if (root.has("metrics")) {
            folders.add(folder(root.path("samples").asText("samples"), root));
        } else {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getValue().isObject() && e.getValue().has("metrics")) {
                    folders.add(folder(e.getKey(), e.getValue()));
                }
            }
        }
        if (folders.isEmpty()) {
            throw new IOException("no summary with \"metrics\" in it");
        }
        return new EvalResults(List.copyOf(folders));
    }

    private static Folder folder(String name, JsonNode s) {
        JsonNode base = s.get("baseline");
        boolean hasBase = base != null && base.isObject();
        return new Folder(name, s.path("context_frames").asInt(-1), s.path("frames").asInt(-1), s.path("videos").asInt(-1),
                s.path("context_mismatches").asInt(0), stats(s.get("metrics")), hasBase ? base.path("method").asText("baseline") : null,
                hasBase ? stats(base.get("metrics")) : Map.of(), sets(s.get("sets")),
                hasBase ? sets(base.get("sets")) : Map.of(), revisit(s.get("revisit")));
    }

    private static Revisit revisit(JsonNode r) {
        if (r == null || !r.isObject()) {
            return null;
        }
        JsonNode base = r.get("baseline");
        return new Revisit(r.path("frames").asInt(-1), r.path("videos").asInt(-1), means(r.get("model")),
                base != null && base.isObject() ? means(base) : null);
    }

    private static Map<String, RevisitMean> means(JsonNode metrics) {
        Map<String, RevisitMean> out = new LinkedHashMap<>();
        if (metrics == null || !metrics.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : metrics.properties()) {
            JsonNode m = e.getValue();
            out.put(e.getKey(), new RevisitMean(JsonFiles.number(m, "mean"), m.path("non_finite_frames").asInt(0),
                    m.has("finite_mean") ? JsonFiles.number(m, "finite_mean") : Double.NaN));
        }
        return out;
    }

    private static Map<String, SetStat> sets(JsonNode sets) {
        Map<String, SetStat> out = new LinkedHashMap<>();
        if (sets == null || !sets.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : sets.properties()) {
            JsonNode m = e.getValue();
            JsonNode hib = m.get("higher_is_better");
            out.put(e.getKey(), new SetStat(JsonFiles.number(m, "value"), JsonFiles.number(m, "std"), m.path("chunks").asInt(-1),
                    m.path("chunk_size").asInt(-1), m.path("videos").asInt(-1), JsonFiles.number(m, "ci_low"),
                    JsonFiles.number(m, "ci_high"), JsonFiles.number(m, "ci_level"), m.path("bootstrap").asInt(0),
                    m.path("seed").asLong(0), hib != null && hib.isBoolean() ? hib.booleanValue() : null));
        }
        return out;
    }

    private static Map<String, Stats> stats(JsonNode metrics) {
        Map<String, Stats> out = new LinkedHashMap<>();
        if (metrics == null || !metrics.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : metrics.properties()) {
            JsonNode m = e.getValue();
            JsonNode hib = m.get("higher_is_better");
            out.put(e.getKey(), new Stats(JsonFiles.number(m, "mean"), JsonFiles.number(m, "std"), m.path("count").asInt(-1),
                    JsonFiles.numbers(m.get("per_frame")), hib != null && hib.isBoolean() ? hib.booleanValue() : null,
                    m.path("non_finite_frames").asInt(0), m.has("finite_mean") ? JsonFiles.number(m, "finite_mean") : Double.NaN));
        }
        return out;
    }
}
