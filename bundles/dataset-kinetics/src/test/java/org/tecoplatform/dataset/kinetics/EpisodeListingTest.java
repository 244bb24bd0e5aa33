package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** The Kinetics layout: which files are episodes, their ids, order and frame counts, and describe(). */
class EpisodeListingTest {

    @TempDir
    Path tmp;

    private final KineticsDatasetReader reader = new KineticsDatasetReader();

    @Test
    void classFoldersAreListedInPathOrderWithTheirFrameCounts() throws IOException {
        Path root = tmp.resolve("kinetics");
        TestVideos.write(root.resolve("train/zumba/z1.mp4"), 16, 96, 72);
        TestVideos.write(root.resolve("train/abseiling/b.mp4"), 20, 96, 72);
        TestVideos.write(root.resolve("train/abseiling/a.mp4"), 12, 96, 72);
        TestVideos.write(root.resolve("test/abseiling/t.mp4"), 12, 96, 72);
        // Not episodes: hidden files and folders, other files, videos outside a class folder.
        TestVideos.write(root.resolve("train/abseiling/.partial.mp4"), 12, 96, 72);
        TestVideos.write(root.resolve("train/.trash/old.mp4"), 12, 96, 72);
        TestVideos.write(root.resolve("train/loose.mp4"), 12, 96, 72);
        Files.writeString(root.resolve("train/abseiling/notes.txt"), "not a video");

        List<EpisodeRef> train = reader.episodes(Fixtures.config(root), Split.TRAIN);
        assertThat(train).containsExactly(
                new EpisodeRef("train/abseiling/a", Split.TRAIN, root.resolve("train/abseiling/a.mp4").toAbsolutePath().toString(), 12),
                new EpisodeRef("train/abseiling/b", Split.TRAIN, root.resolve("train/abseiling/b.mp4").toAbsolutePath().toString(), 20),
                new EpisodeRef("train/zumba/z1", Split.TRAIN, root.resolve("train/zumba/z1.mp4").toAbsolutePath().toString(), 16));
        assertThat(reader.episodes(Fixtures.config(root), Split.TEST)).extracting(EpisodeRef::id).containsExactly("test/abseiling/t");
    }

    @Test
    void describeCountsVideosWithoutOpeningThem() throws IOException {
        Path root = tmp.resolve("kinetics");
        TestVideos.write(root.resolve("train/a/x.mp4"), 12, 96, 72);
        DamagedVideos.garbage(root.resolve("train/b/y.mp4"));
        TestVideos.write(root.resolve("test/a/z.mp4"), 12, 96, 72);

        DatasetInfo info = reader.describe(Fixtures.config(root, "image_size", 64));
        assertThat(info).isEqualTo(new DatasetInfo("kinetics", 64, 64, 3, -1, 0, Map.of(Split.TRAIN, 2, Split.TEST, 1)));
        assertThat(info.noAction()).isZero();
        assertThat(reader.describe(Fixtures.config(root, "action_dim", 6)).actionDim()).isEqualTo(6);
    }

    @Test
    void withoutProbingPathsAreListedUnopenedWithUnknownLengths() throws IOException {
        Path root = tmp.resolve("kinetics");
        TestVideos.write(root.resolve("train/a/x.mp4"), 12, 96, 72);
        DamagedVideos.garbage(root.resolve("train/a/y.mp4"));
        Settings config = Fixtures.config(root, Map.of("probe_videos", false));
        assertThat(reader.episodes(config, Split.TRAIN)).extracting(EpisodeRef::id, EpisodeRef::frames)
                .containsExactly(tuple("train/a/x", -1), tuple("train/a/y", -1));
    }

    @Test
    void aTrimmedClipCountsOnlyTheFramesItShows() throws Exception {
        // ffmpeg -ss 0.5 -c copy keeps frames 10..12 (back to the keyframe) but an edit list hides them.
        Path root = tmp.resolve("kinetics");
        Path source = TestVideos.write(tmp.resolve("source.mp4"), 40, 96, 72);
        TestVideos.trim(source, root.resolve("train/a/trimmed.mp4"), 0.5);
        Settings config = Fixtures.config(root, "image_size", 48);

        EpisodeRef ref = reader.episodes(config, Split.TRAIN).get(0);
        Episode all = reader.read(config, ref, FrameWindow.ALL);
        assertThat(ref.frames()).isEqualTo(27).isEqualTo(all.frames());
        assertThat(Fixtures.codedFrame(all.video(), 0)).isEqualTo(13);
        for (int start : new int[] {1, 6, 15, 19}) {
            assertThat(reader.read(config, ref, new FrameWindow(start, 8)).video()).as("window at %d", start)
                    .isEqualTo(all.video().slice(start, 8));
        }
    }

    @Test
    void aFragmentedMp4HasNoHeaderCountAndIsReadFromItsStart() throws IOException {
        // Its header indexes no samples, so frames() is -1 and windows are found by counting.
        Path root = tmp.resolve("kinetics");
        TestVideos.write(root.resolve("train/a/fragmented.mp4"), 40, 96, 72,
                TestVideos.Options.DEFAULT.with("movflags", "frag_keyframe+empty_moov"));
        Settings config = Fixtures.config(root, "image_size", 48);

        EpisodeRef ref = reader.episodes(config, Split.TRAIN).get(0);
        assertThat(ref.frames()).isEqualTo(-1);
        Episode all = reader.read(config, ref, FrameWindow.ALL);
        assertThat(all.frames()).isEqualTo(40);
        Episode window = reader.read(config, ref, new FrameWindow(25, 8));
        assertThat(window.video()).isEqualTo(all.video().slice(25, 8));
        assertThat(Fixtures.codedFrame(window.video(), 0)).isEqualTo(25);
    }
}
