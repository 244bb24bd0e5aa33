package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/** Decoded frames: their size, the centre crop, the colours, and windows against whole reads. */
class DecodeTest {

    /** MPEG-4 at quality 2 keeps flat colours within a few levels; the codes are 32 and 48 apart. */
    private static final int TOLERANCE = 12;

    @TempDir
    static Path tmp;
    static EpisodeRef landscape;
    static EpisodeRef portrait;
    static Video landscapeAll;

    private final KineticsDatasetReader reader = new KineticsDatasetReader();

    @BeforeAll
    static void writeVideos() throws IOException {
        landscape = ref(TestVideos.write(tmp.resolve("train/a/landscape.mp4"), 40, 96, 72), 40);
        portrait = ref(TestVideos.write(tmp.resolve("train/a/portrait.mp4"), 40, 72, 96), 40);
        landscapeAll = new KineticsDatasetReader().read(size48(), landscape, FrameWindow.ALL).video();
    }

    @Test
    void everyFrameIsScaledToImageSizeAndTheMagentaEndsAreCroppedAway() {
        assertThat(landscapeAll.frames()).isEqualTo(40);
        assertThat(landscapeAll.height()).isEqualTo(48);
        assertThat(landscapeAll.width()).isEqualTo(48);
        assertThat(landscapeAll.channels()).isEqualTo(3);
        for (int t = 0; t < 40; t++) {
            int[] code = {TestVideos.red(t), TestVideos.green(t), TestVideos.BLUE};
            assertThat(Fixtures.codedFrame(landscapeAll, t)).as("frame %d", t).isEqualTo(t);
            // A plain resize would show the 8 magenta columns at both ends; the crop leaves the coded colour.
            assertThat(Fixtures.distance(Fixtures.rgb(landscapeAll, t, 0, 30), code)).as("left edge of frame %d", t).isLessThanOrEqualTo(TOLERANCE);
            assertThat(Fixtures.distance(Fixtures.rgb(landscapeAll, t, 47, 30), code)).as("right edge of frame %d", t).isLessThanOrEqualTo(TOLERANCE);
            // The shorter side is kept whole: the yellow band on top survives.
            assertThat(Fixtures.distance(Fixtures.rgb(landscapeAll, t, 24, 0), TestVideos.YELLOW)).as("top of frame %d", t)
                    .isLessThanOrEqualTo(TOLERANCE);
            assertThat(Fixtures.distance(Fixtures.rgb(landscapeAll, t, 24, 47), code)).as("bottom of frame %d", t).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void aPortraitVideoLosesItsTopAndBottomAndKeepsItsWidth() {
        Video video = reader.read(size48(), portrait, FrameWindow.ALL).video();
        assertThat(video.frames()).isEqualTo(40);
        for (int t : new int[] {0, 13, 39}) {
            int[] code = {TestVideos.red(t), TestVideos.green(t), TestVideos.BLUE};
            assertThat(Fixtures.codedFrame(video, t)).isEqualTo(t);
            assertThat(Fixtures.distance(Fixtures.rgb(video, t, 30, 0), code)).isLessThanOrEqualTo(TOLERANCE);
            assertThat(Fixtures.distance(Fixtures.rgb(video, t, 30, 47), code)).isLessThanOrEqualTo(TOLERANCE);
            assertThat(Fixtures.distance(Fixtures.rgb(video, t, 0, 24), TestVideos.YELLOW)).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void imageSizeDefaultsTo128() {
        Video video = reader.read(Fixtures.config(tmp), landscape, new FrameWindow(17, 1)).video();
        assertThat(video.height()).isEqualTo(128);
        assertThat(video.width()).isEqualTo(128);
        assertThat(Fixtures.codedFrame(video, 0)).isEqualTo(17);
        int[] code = {TestVideos.red(17), TestVideos.green(17), TestVideos.BLUE};
        assertThat(Fixtures.distance(Fixtures.rgb(video, 0, 0, 64), code)).isLessThanOrEqualTo(TOLERANCE);
    }

    @ParameterizedTest(name = "[{0}, {0}+{1})")
    @CsvSource({"0,8", "7,9", "9,1", "23,8", "25,15", "32,8", "39,1"})
    void aWindowHoldsExactlyTheFramesOfAWholeRead(int start, int length) {
        Episode window = reader.read(size48(), landscape, new FrameWindow(start, length));
        assertThat(window.frames()).isEqualTo(length);
        for (int i = 0; i < length; i++) {
            assertThat(Fixtures.codedFrame(window.video(), i)).isEqualTo(start + i);
        }
        // Decoding is deterministic: the same frames, to the byte.
        assertThat(window.video()).isEqualTo(landscapeAll.slice(start, length));
    }

    @Test
    void allFromAStartReadsToTheEnd() {
        Video video = reader.read(size48(), landscape, new FrameWindow(30, -1)).video();
        assertThat(video).isEqualTo(landscapeAll.slice(30, 10));
    }

    @Test
    void anEmptyWindowHasNoFrames() {
        assertThat(reader.read(size48(), landscape, new FrameWindow(12, 0)).frames()).isZero();
    }

    @Test
    void aWindowPastTheEndIsRefused() {
        assertThatThrownBy(() -> reader.read(size48(), landscape, new FrameWindow(35, 10)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("kinetics episode train/a/landscape (" + landscape.location() + "): expected a window inside its 40 frames, got [35, 45)");
    }

    @Test
    void aWindowIsDecodedFromTheKeyframeBeforeItNotFromTheStart() throws IOException {
        // Frame 0 is destroyed: a read that decodes from the start fails, one that seeks does not.
        EpisodeRef ref = ref(DamagedVideos.scrambleFirstFrame(TestVideos.write(tmp.resolve("train/b/first-frame-broken.mp4"), 40, 96, 72)), 40);
        assertThatThrownBy(() -> reader.read(size48(), ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("kinetics video " + ref.location() + ": corrupt video data after 0 decoded frames: ");
        Video window = reader.read(size48(), ref, new FrameWindow(24, 8)).video();
        assertThat(window).isEqualTo(landscapeAll.slice(24, 8));
    }

    @Test
    void aVariableFrameRateVideoGivesTheFramesOfAWholeReadToo() throws IOException {
        // Frame times skip a tick every 3 frames, so time / average rate is not the frame number:
        // the seek's numbering disagrees with counting and the window is read by counting.
        Path file = TestVideos.write(tmp.resolve("train/d/variable.mp4"), 40, 96, 72, TestVideos.Options.DEFAULT.gapEvery(3));
        EpisodeRef ref = ref(file, 40);
        Video all = reader.read(size48(), ref, FrameWindow.ALL).video();
        assertThat(all.frames()).isEqualTo(40);
        for (int start : new int[] {5, 21, 33}) {
            Video window = reader.read(size48(), ref, new FrameWindow(start, 6)).video();
            assertThat(window).as("window at %d", start).isEqualTo(all.slice(start, 6));
            assertThat(Fixtures.codedFrame(window, 0)).isEqualTo(start);
        }
    }

    @Test
    void concurrentReadsGiveTheSameFramesAsOneAtATime() throws Exception {
        // The loader reads from several threads; every call has its own FFmpeg contexts.
        int[] starts = {3, 11, 17, 26, 30, 5, 22, 0};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Video>> windows = new ArrayList<>();
            for (int start : starts) {
                windows.add(pool.submit(() -> reader.read(size48(), start % 2 == 0 ? landscape : portrait, new FrameWindow(start, 10)).video()));
            }
            Video portraitAll = reader.read(size48(), portrait, FrameWindow.ALL).video();
            for (int i = 0; i < starts.length; i++) {
                Video all = starts[i] % 2 == 0 ? landscapeAll : portraitAll;
                assertThat(windows.get(i).get()).as("window at %d", starts[i]).isEqualTo(all.slice(starts[i], 10));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fullRangeJpegFramesKeepTheirColours() throws IOException {
        // MJPEG decodes to full-range YUV (yuvj420p); read as limited range, every colour would be stretched.
        Path file = TestVideos.write(tmp.resolve("train/c/mjpeg.mp4"), 16, 96, 72,
                TestVideos.Options.codec(AV_CODEC_ID_MJPEG));
        Video video = reader.read(size48(), ref(file, 16), FrameWindow.ALL).video();
        for (int t = 0; t < 16; t++) {
            int[] code = {TestVideos.red(t), TestVideos.green(t), TestVideos.BLUE};
            assertThat(Fixtures.distance(Fixtures.centre(video, t, 8), code)).as("frame %d", t).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    static Settings size48() {
        return Fixtures.config(tmp, "image_size", 48);
    }

    private static EpisodeRef ref(Path file, int frames) {
        String name = file.getFileName().toString();
        return new EpisodeRef("train/" + file.getParent().getFileName() + "/" + name.substring(0, name.length() - 4), Split.TRAIN,
                file.toAbsolutePath().toString(), frames);
    }
}
