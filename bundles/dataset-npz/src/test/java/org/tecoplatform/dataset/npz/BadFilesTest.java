package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Each kind of bad episode file (fixtures/bad/) is refused with its file, what was expected and what was found. */
class BadFilesTest {

    private static final String ARRAYS = "'video' uint8 (T, 64, 64, 3) and 'actions' integer (T,)";

    @TempDir
    Path tmp;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("missing_video.npz", ": no 'video' array: expected " + ARRAYS + ", found the arrays [actions]"),
                Arguments.of("missing_actions.npz", ": no 'actions' array: expected " + ARRAYS + ", found the arrays [video]"),
                Arguments.of("video_float.npz", ": 'video' has dtype <f4: expected |u1 (uint8)"),
                Arguments.of("video_rank3.npz", ": 'video' has shape (2, 64, 64): expected 4 dimensions (T, 64, 64, 3)"),
                Arguments.of("video_gray.npz", ": 'video' has 1 channels: expected 3 (RGB), shape (T, 64, 64, 3), found (2, 64, 64, 1)"),
                Arguments.of("wrong_resolution.npz", ": 'video' frames are 32x32: expected 64x64 for dmlab, shape (T, 64, 64, 3), found (2, 32, 32, 3)"),
                Arguments.of("actions_float.npz", ": 'actions' has dtype <f4: expected an integer dtype (e.g. <i4 or <i8)"),
                Arguments.of("actions_rank2.npz", ": 'actions' has shape (2, 1): expected one dimension, (2,)"),
                Arguments.of("length_mismatch.npz", ": 'video' has 2 frames but 'actions' has 3 entries: expected one action per frame"),
                Arguments.of("action_out_of_range.npz", ": 'actions' holds 7 at frame 1: expected actions in 0..6 (6 = no action)"),
                Arguments.of("actions_bigendian.npz", ", member actions.npy: dtype '>i4' is big-endian, which is not supported: "
                        + "expected '<i4' (save it with arr.astype('<i4'))"),
                Arguments.of("video_fortran.npz", ", member video.npy: fortran_order is True: expected a C-order array (save it with np.ascontiguousarray)"),
                Arguments.of("actions_object.npz", ", member actions.npy: dtype '|O' is a Python object array (it needs pickle), which is not supported"),
                Arguments.of("not_a_zip.npz", ": not a readable zip archive (expected a numpy .npz, a zip of .npy members; the file may be truncated or corrupt)"),
                Arguments.of("truncated.npz", ": not a readable zip archive (expected a numpy .npz, a zip of .npy members; the file may be truncated or corrupt)"),
                Arguments.of("huge_shape.npz", ", member video.npy: the header declares a |u1 array of shape (2000000, 64, 64, 3) of 24576000000 bytes: "
                        + "expected at most 2147483639 bytes per array"),
                Arguments.of("size_mismatch.npz", ", member video.npy: the header declares a |u1 array of shape (2, 64, 64, 3), 128 header bytes + 24576 "
                        + "data bytes = 24704 bytes, but the zip entry holds 228 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refusedWithFileExpectedAndFound(String fixture, String problem) throws Exception {
        Path root = Fixtures.layout(tmp.resolve("d"), Map.of("train/sub/" + fixture, "bad/" + fixture));
        Path file = root.resolve("train/sub/" + fixture);
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("dmlab episode " + file + problem);
    }

    @Test
    void skipLeavesBadFilesOutAndKeepsTheGoodOnes() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train/0/good_a.npz", "dmlab/train/0000/ep_a.npz");
        badFiles().forEach(a -> files.put("train/1/" + a.get()[0], "bad/" + a.get()[0]));
        files.put("train/2/good_b.npz", "dmlab/train/0001/ep_b.npz");
        Path root = Fixtures.layout(tmp.resolve("mixed"), files);
        Settings skip = Fixtures.config(root, "dmlab", Map.of("episode_length", 0, "on_bad_file", "skip"));
        assertThat(new DmlabDatasetReader().episodes(skip, Split.TRAIN)).extracting(EpisodeRef::id)
                .containsExactly("train/0/good_a", "train/2/good_b");
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN))
                .hasMessageStartingWith("dmlab episode " + root.resolve("train/1/action_out_of_range.npz"));
    }

    @Test
    void skipStillFailsWhenNoFileIsGood() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("test/a.npz", "bad/not_a_zip.npz");
        files.put("test/b.npz", "bad/video_float.npz");
        Path root = Fixtures.layout(tmp.resolve("allbad"), files);
        Settings skip = Fixtures.config(root, "dmlab", Map.of("on_bad_file", "skip"));
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(skip, Split.TEST))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("dmlab test split: expected at least one valid episode, found 2 bad files under "
                        + root.resolve("test") + "; the first: dmlab episode " + root.resolve("test/a.npz") + ": not a readable zip archive");
    }

    @Test
    void damagedPixelsAreFoundWhenTheVideoIsRead() throws Exception {
        Path root = Fixtures.layout(tmp.resolve("d"), Map.of("train/corrupt_pixels.npz", "bad/corrupt_pixels.npz"));
        Settings config = Fixtures.anyLength(root, "dmlab");
        // Headers and actions are intact, so listing accepts the file; its deflated pixels are not.
        EpisodeRef ref = new DmlabDatasetReader().episodes(config, Split.TRAIN).get(0);
        assertThatThrownBy(() -> new DmlabDatasetReader().read(config, ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("dmlab episode " + root.resolve("train/corrupt_pixels.npz") + ", member video.npy: corrupt");
    }

    @Test
    void aFileThatVanishedIsNamed() {
        Path gone = tmp.resolve("gone.npz");
        EpisodeRef ref = new EpisodeRef("train/gone", Split.TRAIN, gone.toString(), 4);
        assertThatThrownBy(() -> new DmlabDatasetReader().read(Fixtures.anyLength(tmp, "dmlab"), ref, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("dmlab episode " + gone + ": cannot read it: no such npz file");
    }
}
