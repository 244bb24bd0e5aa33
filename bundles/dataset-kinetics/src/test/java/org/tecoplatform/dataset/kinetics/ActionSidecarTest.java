package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzWriter;

/** Actions: from a sidecar npz when a video has one, "no action" (= action_dim) otherwise; bad sidecars are refused. */
class ActionSidecarTest {

    private static final int FRAMES = 20;

    @TempDir
    Path root;
    Path video;
    Path sidecar;

    private final KineticsDatasetReader reader = new KineticsDatasetReader();

    @BeforeEach
    void writeVideo() throws IOException {
        video = TestVideos.write(root.resolve("train/a/v.mp4"), FRAMES, 96, 72);
        sidecar = root.resolve("train/a/v.npz");
    }

    @Test
    void sidecarActionsComeWithTheirFrames() throws IOException {
        long[] actions = IntStream.range(0, FRAMES).mapToLong(t -> t % 7).toArray();
        writeSidecar(NpyArray.int64(new int[] {FRAMES}, actions));
        Settings config = Fixtures.config(root, "action_dim", 6, "image_size", 32);
        EpisodeRef ref = reader.episodes(config, Split.TRAIN).get(0);

        Episode all = reader.read(config, ref, FrameWindow.ALL);
        assertThat(all.actions()).containsExactly(Arrays.stream(actions).mapToInt(a -> (int) a).toArray());
        Episode window = reader.read(config, ref, new FrameWindow(9, 5));
        assertThat(window.actions()).containsExactly(2, 3, 4, 5, 6);
        assertThat(Fixtures.codedFrame(window.video(), 0)).isEqualTo(9);
    }

    @Test
    void withoutASidecarEveryFrameHasNoAction() {
        Settings unconditioned = Fixtures.config(root, "image_size", 32);
        EpisodeRef ref = reader.episodes(unconditioned, Split.TRAIN).get(0);
        assertThat(reader.read(unconditioned, ref, FrameWindow.ALL).actions()).hasSize(FRAMES).containsOnly(0);
        // With action_dim the "no action" index is action_dim, the last row of TECO's action table.
        Settings sixActions = Fixtures.config(root, "image_size", 32, "action_dim", 6);
        assertThat(reader.read(sixActions, ref, new FrameWindow(3, 4)).actions()).containsExactly(6, 6, 6, 6);
    }

    static Stream<Arguments> badSidecars() {
        long[] twenty = new long[FRAMES];
        long[] outOfRange = new long[FRAMES];
        outOfRange[3] = 7;
        return Stream.of(
                Arguments.of("too short", Map.of("actions", NpyArray.int64(new int[] {19}, new long[19])),
                        ": 'actions' has 19 entries but v.mp4 has 20 frames: expected one action per frame"),
                Arguments.of("float", Map.of("actions", NpyArray.float32(new int[] {FRAMES}, new float[FRAMES])),
                        ": 'actions' has dtype <f4: expected an integer dtype (e.g. <i4 or <i8)"),
                Arguments.of("two dimensions", Map.of("actions", NpyArray.int64(new int[] {FRAMES, 1}, twenty)),
                        ": 'actions' has shape (20, 1): expected one dimension, (T,)"),
                Arguments.of("out of range", Map.of("actions", NpyArray.int64(new int[] {FRAMES}, outOfRange)),
                        ": 'actions' holds 7 at frame 3: expected actions in 0..6 (6 = no action; action_dim in the config sets the number of actions)"),
                Arguments.of("no actions array", Map.of("moves", NpyArray.int64(new int[] {FRAMES}, twenty)),
                        ": no 'actions' array: expected 'actions' integer (T,), one per frame of v.mp4, found the arrays [moves]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSidecars")
    void aBadSidecarIsRefusedWhenListedAndWhenRead(String kind, Map<String, NpyArray> arrays, String problem) throws IOException {
        NpzWriter.write(sidecar, arrays, false);
        Settings config = Fixtures.config(root, "action_dim", 6);
        String expected = "kinetics actions " + sidecar + problem;
        assertThatThrownBy(() -> reader.episodes(config, Split.TRAIN)).isInstanceOf(BadInputException.class).hasMessage(expected);
        EpisodeRef ref = new EpisodeRef("train/a/v", Split.TRAIN, video.toString(), -1);
        assertThatThrownBy(() -> reader.read(config, ref, FrameWindow.ALL)).isInstanceOf(BadInputException.class).hasMessage(expected);
    }

    @Test
    void aSidecarThatIsNoNpzIsNamed() throws IOException {
        DamagedVideos.garbage(sidecar);
        assertThatThrownBy(() -> reader.episodes(Fixtures.config(root), Split.TRAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("kinetics actions " + sidecar + ": not a readable zip archive");
    }

    private void writeSidecar(NpyArray actions) throws IOException {
        NpzWriter.write(sidecar, Map.of("actions", actions), false);
    }
}
