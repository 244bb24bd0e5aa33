package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Split;

class DatasetScanTest {

    @TempDir
    Path tmp;

    @Test
    void figuresOfAGoodDatasetMatchNumpy() {
        Path root = Fixtures.file("dmlab");
        DatasetSummary s = new DmlabDatasetReader().scan(Fixtures.anyLength(root, "dmlab"), true);
        assertThat(s.dataset()).isEqualTo("dmlab");
        assertThat(s.root()).isEqualTo(root);
        assertThat(s.height()).isEqualTo(64);
        assertThat(s.actionDim()).isEqualTo(6);
        assertThat(s.splits()).containsExactly(
                new DatasetSummary.SplitSummary(Split.TRAIN, root.resolve("train"), 3, 3, 14, 4, 6, 0),
                new DatasetSummary.SplitSummary(Split.TEST, root.resolve("test"), 1, 1, 5, 5, 5, 0));
        long[] expected = new long[7];
        for (String split : new String[] {"dmlab/train", "dmlab/test"}) {
            long[] h = Fixtures.histogram(split);
            for (int a = 0; a < 7; a++) {
                expected[a] += h[a];
            }
        }
        assertThat(s.actionHistogram()).containsExactly(expected);
        assertThat(s.problems()).isEmpty();
        assertThat(s.episodes()).isEqualTo(4);
        assertThat(s.frames()).isEqualTo(19);
        assertThat(s.badFiles()).isZero();
        assertThat(s.summary()).contains("train: 3 episodes, 14 frames (4..6 per episode)", "test: 1 episodes, 5 frames (5 per episode)",
                "actions: " + java.util.Arrays.toString(expected), "problems: 0");
    }

    @Test
    void reportsEveryBadFileAndAnEmptySplitWithoutFailing() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train/good.npz", "dmlab/train/ep_c.npz");
        files.put("train/x/missing_video.npz", "bad/missing_video.npz");
        files.put("train/x/truncated.npz", "bad/truncated.npz");
        files.put("train/x/corrupt_pixels.npz", "bad/corrupt_pixels.npz");
        Path root = Fixtures.layout(tmp.resolve("d"), files);
        DatasetSummary headersOnly = new DmlabDatasetReader().scan(Fixtures.anyLength(root, "dmlab"), false);
        assertThat(headersOnly.splits().get(0)).isEqualTo(new DatasetSummary.SplitSummary(Split.TRAIN, root.resolve("train"), 4, 2, 6, 2, 4, 2));
        assertThat(headersOnly.problems()).extracting(DatasetSummary.Problem::path).containsExactly(
                root.resolve("train/x/missing_video.npz"), root.resolve("train/x/truncated.npz"), root.resolve("test"));
        assertThat(headersOnly.problems().get(2).message())
                .isEqualTo("dmlab test split: expected .npz episode files in " + root.resolve("test") + " or its subfolders, found no such folder");

        DatasetSummary deep = new DmlabDatasetReader().scan(Fixtures.anyLength(root, "dmlab"), true);
        assertThat(deep.badFiles()).isEqualTo(3);
        assertThat(deep.problems()).extracting(DatasetSummary.Problem::path).containsExactly(root.resolve("train/x/corrupt_pixels.npz"),
                root.resolve("train/x/missing_video.npz"), root.resolve("train/x/truncated.npz"), root.resolve("test"));
        assertThat(deep.problems().get(0).message()).startsWith("dmlab episode " + root.resolve("train/x/corrupt_pixels.npz") + ", member video.npy: corrupt");
        assertThat(deep.summary()).contains("train: 1 episodes, 4 frames (4 per episode), 3 bad files", "problems: 4");
    }

    @Test
    void aBadConfigStillFails() {
        assertThatThrownBy(() -> new MinecraftDatasetReader().scan(Fixtures.anyLength(tmp.resolve("none"), "minecraft"), false))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("data_path: expected the minecraft dataset folder");
    }
}
