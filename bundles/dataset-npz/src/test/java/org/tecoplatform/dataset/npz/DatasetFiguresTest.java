package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.export.DatasetExport;
import org.tecoplatform.data.export.DatasetSummary;

/** What 'teco data inspect' reports for npz datasets, against numpy's own figures (expected.txt). */
class DatasetFiguresTest {

    @TempDir
    Path tmp;

    private static DatasetSummary inspect(Settings config) throws Exception {
        DatasetExport export = new DatasetExport(new DmlabDatasetReader(), config, "dmlab", false, false);
        for (Split split : Split.values()) {
            export.write(split, Path.of("."), n -> { });
        }
        return export.summary();
    }

    @Test
    void figuresOfAGoodDatasetMatchNumpy() throws Exception {
        DatasetSummary s = inspect(Fixtures.anyLength(Fixtures.file("dmlab"), "dmlab"));
        assertThat(s.height()).isEqualTo(64);
        assertThat(s.actionDim()).isEqualTo(6);
        DatasetSummary.SplitSummary train = s.splits().get("train");
        assertThat(train.episodes()).isEqualTo(3);
        assertThat(train.frames()).isEqualTo(14);
        assertThat(train.minLength()).isEqualTo(4);
        assertThat(train.maxLength()).isEqualTo(6);
        assertThat(train.actionHistogram()).containsExactly(Fixtures.histogram("dmlab/train"));
        assertThat(s.splits().get("test").actionHistogram()).containsExactly(Fixtures.histogram("dmlab/test"));
        assertThat(s.problemCount()).isZero();
    }

    @Test
    void withSkipEveryBadFileIsAProblemAndTheRestIsCounted() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train/good.npz", "dmlab/train/ep_c.npz");
        files.put("train/x/missing_video.npz", "bad/missing_video.npz");
        files.put("train/x/truncated.npz", "bad/truncated.npz");
        files.put("test/good.npz", "dmlab/test/0000/ep_d.npz");
        Path root = Fixtures.layout(tmp.resolve("d"), files);
        DatasetSummary s = inspect(Fixtures.config(root, "dmlab", Map.of("episode_length", 0, "on_bad_file", "skip")));
        assertThat(s.splits().get("train").episodes()).isEqualTo(1);
        assertThat(s.splits().get("train").problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("dmlab episode " + root.resolve("train/x/missing_video.npz")))
                .anySatisfy(p -> assertThat(p).startsWith("dmlab episode " + root.resolve("train/x/truncated.npz")));
        assertThat(s.describe()).contains("problems    2");
    }
}
