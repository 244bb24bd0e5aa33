package org.tecoplatform.stage.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a dataset holds, as {@code summary.json}: per split the episode and frame counts, the
 * frame shape, and how often each action occurs (the last entry counts "no action").
 */
public record DatasetSummary(String dataset, int height, int width, int channels, int actionDim,
                             Map<String, SplitSummary> splits) {

    public record SplitSummary(int episodes, long frames, int minLength, int maxLength, long[] actionHistogram) {
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public String oneLine() {
        List<String> parts = splits.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().episodes()
                + " episodes / " + e.getValue().frames() + " frames").toList();
        return height + "x" + width + "x" + channels + ", " + String.join(", ", parts) + ", actions "
                + splits.values().stream().map(s -> Arrays.toString(s.actionHistogram())).toList();
    }
}
