package org.tecoplatform.dataset.npz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.npz.NpzReader;

/**
 * Looks at a whole npz dataset for {@code teco data inspect}: every file of every split is
 * checked as {@code episodes(...)} checks it, but a bad file or an empty split becomes a
 * {@link DatasetSummary.Problem} instead of an error. Only a bad config (no data_path
 * folder, a wrong image_size) fails.
 */
public final class DatasetScan {

    private DatasetScan() {
    }

    /**
     * @param readPixels also decode every video and verify its CRC (finds damaged pixel data,
     *                   costs a full read of the dataset); otherwise only headers and actions are read
     */
    public static DatasetSummary scan(NpzDatasetSpec spec, Settings config, boolean readPixels) {
        NpzDatasetOptions options = NpzDatasetOptions.from(spec, config);
        Path root = NpzDatasetOptions.root(spec, config);
        long[] histogram = new long[spec.actionDim() + 1];
        List<DatasetSummary.SplitSummary> splits = new ArrayList<>();
        List<DatasetSummary.Problem> problems = new ArrayList<>();
        NpzEpisodeReader reader = new NpzEpisodeReader(spec);
        for (Split split : Split.values()) {
            List<Path> files = EpisodeFiles.list(root, split);
            if (files.isEmpty()) {
                Path folder = EpisodeFiles.splitFolder(root, split);
                problems.add(new DatasetSummary.Problem(folder, reader.emptySplit(root, split).getMessage()));
            }
            int episodes = 0;
            long frames = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Path file : files) {
                try {
                    EpisodeCheck.Checked checked = check(file, spec, options, readPixels);
                    episodes++;
                    frames += checked.frames();
                    min = Math.min(min, checked.frames());
                    max = Math.max(max, checked.frames());
                    for (int a : checked.actions()) {
                        histogram[a]++;
                    }
                } catch (BadInputException e) {
                    problems.add(new DatasetSummary.Problem(file, e.getMessage()));
                }
            }
            splits.add(new DatasetSummary.SplitSummary(split, EpisodeFiles.splitFolder(root, split), files.size(), episodes, frames,
                    episodes == 0 ? 0 : min, max, files.size() - episodes));
        }
        return new DatasetSummary(spec.name(), root, spec.size(), spec.size(), spec.actionDim(), splits, histogram, problems);
    }

    private static EpisodeCheck.Checked check(Path file, NpzDatasetSpec spec, NpzDatasetOptions options, boolean readPixels) {
        if (!readPixels) {
            return EpisodeCheck.check(file, spec, options);
        }
        try (NpzReader npz = NpzReader.open(file)) {
            EpisodeCheck.Checked checked = EpisodeCheck.check(npz, spec, options);
            npz.read(EpisodeCheck.VIDEO);
            return checked;
        } catch (IOException e) {
            throw EpisodeCheck.unreadable(spec, file, e);
        }
    }
}
