package org.tecoplatform.dataset.npz;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tecoplatform.api.Split;

/**
 * What a {@link DatasetScan} found: per split the files, valid episodes and frames, the
 * histogram of actions over all valid frames, and every problem (a bad file, an empty split).
 *
 * @param actionHistogram frames per action value, index {@code actionDim} = "no action"
 */
public record DatasetSummary(String dataset, Path root, int height, int width, int actionDim, List<SplitSummary> splits,
                             long[] actionHistogram, List<Problem> problems) {

    /** One split: {@code badFiles} are those that {@code on_bad_file: skip} leaves out. */
    public record SplitSummary(Split split, Path folder, int files, int episodes, long frames, int minFrames, int maxFrames,
                               int badFiles) {
    }

    /** A bad file (or an empty split folder) and what is wrong with it. */
    public record Problem(Path path, String message) {
    }

    public DatasetSummary {
        Objects.requireNonNull(dataset, "dataset");
        splits = List.copyOf(splits);
        actionHistogram = actionHistogram.clone();
        problems = List.copyOf(problems);
    }

    @Override
    public long[] actionHistogram() {
        return actionHistogram.clone();
    }

    public int episodes() {
        return splits.stream().mapToInt(SplitSummary::episodes).sum();
    }

    public long frames() {
        return splits.stream().mapToLong(SplitSummary::frames).sum();
    }

    public int badFiles() {
        return splits.stream().mapToInt(SplitSummary::badFiles).sum();
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(dataset).append(" at ").append(root).append(": ").append(height).append('x').append(width)
                .append(" frames, actions 0..").append(actionDim).append(" (").append(actionDim).append(" = no action)\n");
        for (SplitSummary s : splits) {
            b.append("  ").append(s.split().folder()).append(": ").append(s.episodes()).append(" episodes, ").append(s.frames())
                    .append(" frames");
            if (s.episodes() > 0) {
                b.append(" (").append(s.minFrames() == s.maxFrames() ? String.valueOf(s.minFrames()) : s.minFrames() + ".." + s.maxFrames())
                        .append(" per episode)");
            }
            b.append(s.badFiles() > 0 ? ", " + s.badFiles() + " bad files" : "").append('\n');
        }
        b.append("  actions: ").append(Arrays.toString(actionHistogram)).append('\n');
        b.append("  problems: ").append(problems.size()).append('\n');
        for (Problem p : problems) {
            b.append("    ").append(p.message()).append('\n');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSummary s && dataset.equals(s.dataset) && Objects.equals(root, s.root) && height == s.height
                && width == s.width && actionDim == s.actionDim && splits.equals(s.splits)
                && Arrays.equals(actionHistogram, s.actionHistogram) && problems.equals(s.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, root, height, width, actionDim, splits, Arrays.hashCode(actionHistogram), problems);
    }
}
