package org.tecoplatform.data.eval;

import org.tecoplatform.api.io.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code eval.json} says about one samples folder. Non-finite values (PSNR of a perfect
 * frame is +inf, as in the original) are written as the strings {@code "Infinity"} and
 * {@code "NaN"}, which Jackson, and Python's {@code float()}, read back.
 *
 * @param samples         the samples folder's name ({@code samples_36})
 * @param contextFrames   frames given as context; frames {@code [contextFrames, frames)} are scored
 * @param frames          frames per video (T)
 * @param height          frame height
 * @param width           frame width
 * @param channels        channels per pixel
 * @param videos          videos scored
 * @param files           batch files read
 * @param contextMismatches videos whose generated context frames differ from the real ones (0 for a
 *                        correct sampler: sample.py copies them)
 * @param metrics         per metric name, in the order asked for: the metrics scored frame by frame
 * @param baseline        the copy-last-frame baseline scored by the same metrics, or {@code null}
 * @param sets            scores of the whole set of videos (FVD, KVD) by score name; empty when no set
 *                        metric was asked for (then left out of the JSON)
 * @param revisit         the per-frame metrics over the frames after the context whose real frame repeats a
 *                        context frame, or {@code null} (left out of the JSON) when there are none
 */
@JsonPropertyOrder({"samples", "context_frames", "frames", "height", "width", "channels", "videos", "files",
    "context_mismatches", "metrics", "sets", "baseline", "revisit"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalSummary(String samples, @JsonProperty("context_frames") int contextFrames, int frames, int height,
                          int width, int channels, int videos, int files,
                          @JsonProperty("context_mismatches") int contextMismatches,
                          Map<String, MetricStats> metrics, Baseline baseline,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SetStats> sets,
                          RevisitStats revisit) {

    /** How the baseline videos were made, and their scores (per frame, and of the whole set). */
    @JsonPropertyOrder({"method", "metrics", "sets"})
    public record Baseline(String method, Map<String, MetricStats> metrics,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SetStats> sets) {
        /** The only baseline: the last context frame repeated for every generated frame. */
        public static final String COPY_LAST_FRAME = "copy_last_frame";

        public Baseline {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            sets = sets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        }

        /** A baseline without set scores. */
        public Baseline(String method, Map<String, MetricStats> metrics) {
            this(method, metrics, Map.of());
        }
    }

    public EvalSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        sets = sets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    /** A summary without revisit scores. */
    public EvalSummary(String samples, int contextFrames, int frames, int height, int width, int channels, int videos,
                       int files, int contextMismatches, Map<String, MetricStats> metrics, Baseline baseline,
                       Map<String, SetStats> sets) {
        this(samples, contextFrames, frames, height, width, channels, videos, files, contextMismatches, metrics, baseline,
                sets, null);
    }

    /** A summary without set scores. */
    public EvalSummary(String samples, int contextFrames, int frames, int height, int width, int channels, int videos,
                       int files, int contextMismatches, Map<String, MetricStats> metrics, Baseline baseline) {
        this(samples, contextFrames, frames, height, width, channels, videos, files, contextMismatches, metrics, baseline,
                Map.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EvalSummary fromJson(String json) throws IOException {
        return JSON.readValue(json, EvalSummary.class);
    }

    /** Writes this summary as JSON, atomically (temp file + rename). */
    public void write(Path file) throws IOException {
        String json = toJson() + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, json);
    }

    /** Writes several folders' summaries as one JSON object, {@code {"samples_36": {...}, ...}}, atomically. */
    public static void writeAll(Map<String, EvalSummary> summaries, Path file) throws IOException {
        String json = JSON.writeValueAsString(summaries) + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, json);
    }
}
