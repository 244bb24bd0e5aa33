package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Each kind of bad video is refused with the file, what was expected and what was found; skip leaves them out. */
class BadVideosTest {

    private static final String NOT_MP4 = ": not a readable mp4 (expected an .mp4 video; the file may be truncated or corrupt): ";

    @TempDir
    Path root;

    private final KineticsDatasetReader reader = new KineticsDatasetReader();

    @Test
    void bytesThatAreNoVideo() throws IOException {
        Path file = DamagedVideos.garbage(root.resolve("train/a/garbage.mp4"));
        assertListingFails(Fixtures.config(root), "kinetics video " + file + NOT_MP4 + "moov atom not found (Invalid data found when processing input)");
    }

    @Test
    void aDownloadCutShortBeforeItsHeader() throws IOException {
        // The recorder writes the header (moov) last: half a file has none.
        Path file = DamagedVideos.truncate(TestVideos.write(root.resolve("train/a/half.mp4"), 40, 96, 72), 0.5);
        assertListingFails(Fixtures.config(root), "kinetics video " + file + NOT_MP4 + "moov atom not found (Invalid data found when processing input)");
    }

    @Test
    void aDownloadCutShortAfterItsHeaderFailsWhenRead() throws IOException {
        // With the header first (faststart) the listing sees 40 frames; decoding finds fewer.
        Path file = DamagedVideos.truncate(TestVideos.write(root.resolve("train/a/cut.mp4"), 40, 96, 72,
                TestVideos.Options.DEFAULT.with("movflags", "faststart")), 0.6);
        Settings config = Fixtures.config(root);
        EpisodeRef ref = reader.episodes(config, Split.TRAIN).get(0);
        assertThat(ref.frames()).isEqualTo(40);
        assertThatThrownBy(() -> reader.read(config, ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("kinetics video " + file + ": decoded ")
                .hasMessageEndingWith(" frames but its header declares 40: expected all of them (the file is truncated or corrupt)");
    }

    @Test
    void anMp4WithoutAVideoStream() throws IOException {
        Path file = TestVideos.writeAudioOnly(root.resolve("train/a/sound.mp4"));
        assertListingFails(Fixtures.config(root), "kinetics video " + file + ": no video stream: expected one, found the streams [audio]");
    }

    @Test
    void absurdFrameSizesAreRefusedBeforeDecoding() throws IOException {
        Path file = DamagedVideos.declareSize(TestVideos.write(root.resolve("train/a/huge.mp4"), 4, 96, 72,
                TestVideos.Options.codec(AV_CODEC_ID_MJPEG)), 60000, 60000);
        String message = "kinetics video " + file + ": frames are 60000x60000: expected at most 8192 pixels per side and 33177600 pixels"
                + " (7680x4320) per frame";
        assertListingFails(Fixtures.config(root), message);
        EpisodeRef ref = new EpisodeRef("train/a/huge", Split.TRAIN, file.toString(), 4);
        assertThatThrownBy(() -> reader.read(Fixtures.config(root), ref, FrameWindow.ALL)).hasMessage(message);
    }

    @Test
    void aVideoShorterThanSeqLen() throws IOException {
        Path file = TestVideos.write(root.resolve("train/a/short.mp4"), 12, 96, 72);
        assertListingFails(Fixtures.config(root, "seq_len", 16), "kinetics video " + file + ": 12 frames: expected at least seq_len = 16");
        assertThat(reader.episodes(Fixtures.config(root, "seq_len", 12), Split.TRAIN)).hasSize(1);
    }

    @Test
    void aShortVideoWhoseHeaderHasNoCountFailsWhenRead() throws IOException {
        Path file = TestVideos.write(root.resolve("train/a/short.mp4"), 12, 96, 72,
                TestVideos.Options.DEFAULT.with("movflags", "frag_keyframe+empty_moov"));
        EpisodeRef ref = new EpisodeRef("train/a/short", Split.TRAIN, file.toString(), -1);
        assertThatThrownBy(() -> reader.read(Fixtures.config(root, "seq_len", 16), ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics video " + file + ": 12 frames: expected at least seq_len = 16");
    }

    @Test
    void moreFramesThanMaxFramesByTheHeader() throws IOException {
        Path file = TestVideos.write(root.resolve("train/a/long.mp4"), 40, 96, 72);
        assertListingFails(Fixtures.config(root, Map.of("max_frames", 30)),
                "kinetics video " + file + ": its header declares 40 frames: expected at most 30 (kinetics.max_frames)");
    }

    @Test
    void moreFramesThanMaxFramesWhileDecoding() throws IOException {
        // A fragmented mp4 declares no count: the bound stops the decoding itself.
        Path file = TestVideos.write(root.resolve("train/a/long.mp4"), 40, 96, 72,
                TestVideos.Options.DEFAULT.with("movflags", "frag_keyframe+empty_moov"));
        EpisodeRef ref = new EpisodeRef("train/a/long", Split.TRAIN, file.toString(), -1);
        assertThatThrownBy(() -> reader.read(Fixtures.config(root, Map.of("max_frames", 30)), ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics video " + file + ": more than 30 frames: expected at most 30 (kinetics.max_frames)");
    }

    @Test
    void aSplitWithoutVideos() throws IOException {
        Files.createDirectories(root.resolve("train/abseiling"));
        Files.writeString(root.resolve("train/abseiling/readme.txt"), "no videos here");
        assertListingFails(Fixtures.config(root),
                "kinetics train split: expected .mp4 videos in " + root.resolve("train") + "/<class>/, found none");
        assertThatThrownBy(() -> reader.episodes(Fixtures.config(root), Split.TEST))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics test split: expected .mp4 videos in " + root.resolve("test") + "/<class>/, found no such folder");
    }

    @Test
    void aMissingDataPath() {
        Path missing = root.resolve("nowhere");
        String message = "data_path: expected the kinetics dataset folder (holding train/<class>/*.mp4 and test/<class>/*.mp4), found nothing at "
                + missing;
        assertThatThrownBy(() -> reader.episodes(Fixtures.config(missing), Split.TRAIN)).isInstanceOf(BadInputException.class).hasMessage(message);
        assertThatThrownBy(() -> reader.describe(Fixtures.config(missing))).isInstanceOf(BadInputException.class).hasMessage(message);
    }

    @Test
    void aVideoThatVanishedBeforeItWasRead() {
        Path gone = root.resolve("train/a/gone.mp4");
        EpisodeRef ref = new EpisodeRef("train/a/gone", Split.TRAIN, gone.toString(), 40);
        assertThatThrownBy(() -> reader.read(Fixtures.config(root), ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics video " + gone + ": expected the video of episode train/a/gone, found nothing");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNamedPipeCalledMp4IsNotOpened() throws Exception {
        // Opening a pipe would block until someone writes to it; only regular files are videos.
        TestVideos.write(root.resolve("train/a/good.mp4"), 12, 96, 72);
        Path pipe = root.resolve("train/a/pipe.mp4");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        assertThat(reader.episodes(Fixtures.config(root), Split.TRAIN)).extracting(EpisodeRef::id).containsExactly("train/a/good");
    }

    @Test
    void skipLeavesBadVideosOutAndKeepsTheGoodOnes() throws IOException {
        TestVideos.write(root.resolve("train/a/good1.mp4"), 12, 96, 72);
        DamagedVideos.garbage(root.resolve("train/b/garbage.mp4"));
        TestVideos.writeAudioOnly(root.resolve("train/b/sound.mp4"));
        TestVideos.write(root.resolve("train/c/short.mp4"), 8, 96, 72);
        TestVideos.write(root.resolve("train/c/good2.mp4"), 12, 96, 72);
        Settings skip = Fixtures.config(root, Map.of("on_bad_file", "skip"), "seq_len", 10);
        assertThat(reader.episodes(skip, Split.TRAIN)).extracting(EpisodeRef::id).containsExactly("train/a/good1", "train/c/good2");
        assertThat(reader.problems(skip, Split.TRAIN)).containsExactly(
                "kinetics video " + root.resolve("train/b/garbage.mp4") + NOT_MP4 + "moov atom not found (Invalid data found when processing input)",
                "kinetics video " + root.resolve("train/b/sound.mp4") + ": no video stream: expected one, found the streams [audio]",
                "kinetics video " + root.resolve("train/c/short.mp4") + ": 8 frames: expected at least seq_len = 10");
        assertListingFails(Fixtures.config(root, "seq_len", 10), "kinetics video " + root.resolve("train/b/garbage.mp4") + NOT_MP4
                + "moov atom not found (Invalid data found when processing input)");
    }

    @Test
    void skipStillFailsWhenNoVideoIsGood() throws IOException {
        Path garbage = DamagedVideos.garbage(root.resolve("test/a/garbage.mp4"));
        TestVideos.writeAudioOnly(root.resolve("test/a/sound.mp4"));
        assertThatThrownBy(() -> reader.episodes(Fixtures.config(root, Map.of("on_bad_file", "skip")), Split.TEST))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics test split: expected at least one valid video, found 2 bad files under " + root.resolve("test")
                        + "; the first: kinetics video " + garbage + NOT_MP4 + "moov atom not found (Invalid data found when processing input)");
    }

    private void assertListingFails(Settings config, String message) {
        assertThatThrownBy(() -> reader.episodes(config, Split.TRAIN)).isInstanceOf(BadInputException.class).hasMessage(message);
    }
}
