package org.tecoplatform.data.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.pipeline.config.ConfigSettings;

class DatasetExportTest {

    @TempDir
    Path dir;

    /** Episodes of 3 frames of 4x4 whose pixels encode (episode, frame, position). */
    static final class Counting implements DatasetReader {
        int reads;
        int size = 4;

        @Override
        public DatasetInfo describe(Settings config) {
            return new DatasetInfo("counting", 4, 4, 3, 3, 2, Map.of(Split.TRAIN, 2, Split.TEST, 1));
        }

        @Override
        public List<EpisodeRef> episodes(Settings config, Split split) {
            List<EpisodeRef> refs = new ArrayList<>();
            for (int i = 0; i < (split == Split.TRAIN ? 2 : 1); i++) {
                refs.add(new EpisodeRef(split.folder() + "/" + i, split, "mem:" + i, 3));
            }
            return refs;
        }

        @Override
        public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
            reads++;
            byte[] px = new byte[3 * size * size * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (i * 7 + ref.id().hashCode());
            }
            return new Episode(ref.id(), new Video(3, size, size, 3, px), new int[] {0, 1, 1});
        }
    }

    @Test
    void writesEpisodesAsNumpyWouldAndCountsThem() throws Exception {
        Counting reader = new Counting();
        Settings config = ConfigSettings.of(Map.of(), dir);
        DatasetExport export = new DatasetExport(reader, config, "counting", true, true);
        for (Split s : Split.values()) {
            export.write(s, dir, n -> { });
        }
        Path file = dir.resolve("train/counting/train_1.npz");
        try (NpzReader r = NpzReader.open(file)) {
            assertThat(r.read("video").shape()).containsExactly(3, 4, 4, 3);
            assertThat(r.read("video").toUint8()).isEqualTo(reader.read(config, reader.episodes(config, Split.TRAIN).get(1),
                    FrameWindow.ALL).video().pixels());
            assertThat(r.read("actions").toInts()).containsExactly(0, 1, 1);
        }
        DatasetSummary summary = export.summary();
        assertThat(summary.splits().get("train").episodes()).isEqualTo(2);
        assertThat(summary.splits().get("train").frames()).isEqualTo(6);
        assertThat(summary.splits().get("train").actionHistogram()).containsExactly(2, 4, 0);
        assertThat(summary.splits().get("train").problems()).isEmpty();
        summary.write(dir.resolve("summary.json"));
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"episodes\" : 2");
    }

    @Test
    void aRerunKeepsEpisodesAlreadyWritten() throws Exception {
        Counting reader = new Counting();
        Settings config = ConfigSettings.of(Map.of(), dir);
        new DatasetExport(reader, config, "counting", true, false).write(Split.TRAIN, dir, n -> { });
        int first = reader.reads;
        DatasetExport again = new DatasetExport(reader, config, "counting", true, false);
        again.write(Split.TRAIN, dir, n -> { });
        assertThat(reader.reads).isEqualTo(first);
        assertThat(again.summary().splits().get("train").frames()).isEqualTo(6);
    }

    @Test
    void framesOfAnotherSizeThanTheDatasetSaysAreBadInput() {
        Counting reader = new Counting();
        reader.size = 5;
        DatasetExport export = new DatasetExport(reader, ConfigSettings.of(Map.of(), dir), "counting", false, false);
        assertThatThrownBy(() -> export.write(Split.TRAIN, dir, n -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("episode train/0 (mem:0): frames are 5x5x3, the dataset says 4x4x3");
    }
}
