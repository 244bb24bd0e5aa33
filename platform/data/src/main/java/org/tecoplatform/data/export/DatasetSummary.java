package org.tecoplatform.data.export;

import org.tecoplatform.api.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a dataset holds, as {@code summary.json} and {@code teco data inspect} show it: per split
 * the episode and frame counts, episode lengths, how often each action occurs (the last entry
 * counts "no action") and the problems found (files left out under a skip policy).
 */
public record DatasetSummary(String dataset, int height, int width, int channels, int actionDim,
                             Map<String, SplitSummary> splits) {

    /** One split's figures. */
    public record SplitSummary(int episodes, long frames, int minLength, int maxLength, long[] actionHistogram,
                               List<String> problems) {
        public SplitSummary {
            problems = List.copyOf(problems);
        }
    }

    public DatasetSummary {
        splits = Map.copyOf(splits);
    }

    /** Writes {@code summary.json} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int problemCount() {
        return splits.values().stream().mapToInt(s -> s.problems().size()).sum();
    }

    public String oneLine() {
        List<String> parts = splits.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + e.getValue().episodes() + " episodes / " + e.getValue().frames() + " frames")
                .toList();
        return dataset + " " + height + "x" + width + "x" + channels + ": " + String.join(", ", parts)
                + (problemCount() > 0 ? ", " + problemCount() + " problems" : "");
    }

    /** Several lines for people. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "dataset     %s%nresolution  %dx%dx%d%nactions     %d (+ \"no action\" = %d)%n",
                dataset, height, width, channels, actionDim, actionDim));
        for (String name : List.of("train", "test")) {
            SplitSummary s = splits.get(name);
            if (s == null) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-11s %d episodes, %d frames, length %d..%d%n", name, s.episodes(),
                    s.frames(), s.minLength(), s.maxLength()));
            b.append("            actions ").append(Arrays.toString(s.actionHistogram())).append('\n');
        }
        int problems = problemCount();
        b.append("problems    ").append(problems == 0 ? "none" : String.valueOf(problems)).append('\n');
        splits.forEach((name, s) -> s.problems().forEach(p -> b.append("  ").append(name).append(": ").append(p).append('\n')));
        return b.toString();
    }
}
