package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Frames and actions come back exactly as numpy saved them (expected.txt), whole or by window. */
class EpisodeReadTest {

    private final DatasetReader dmlab = new DmlabDatasetReader();
    private final Settings config = Fixtures.anyLength(Fixtures.file("dmlab"), "dmlab");

    @Test
    void wholeEpisodesMatchNumpy() {
        for (Split split : Split.values()) {
            for (EpisodeRef ref : dmlab.episodes(config, split)) {
                Fixtures.Expected expected = Fixtures.episodes().get("dmlab/" + ref.id() + ".npz");
                Episode e = dmlab.read(config, ref, FrameWindow.ALL);
                assertThat(e.id()).isEqualTo(ref.id());
                assertThat(e.frames()).isEqualTo(expected.frames());
                assertThat(e.video().height()).isEqualTo(64);
                assertThat(e.video().channels()).isEqualTo(3);
                assertThat(e.actions()).as(ref.id()).containsExactly(expected.actions());
                assertThat(Fixtures.sha256(e.video().pixels(), 0, e.video().pixels().length)).as(ref.id()).isEqualTo(expected.videoSha256());
            }
        }
    }

    @Test
    void samplePixelsMatchNumpy() {
        for (Fixtures.Pixel p : Fixtures.pixels()) {
            if (!p.path().startsWith("dmlab/")) {
                continue;
            }
            Split split = p.path().startsWith("dmlab/train") ? Split.TRAIN : Split.TEST;
            EpisodeRef ref = dmlab.episodes(config, split).stream()
                    .filter(r -> ("dmlab/" + r.id() + ".npz").equals(p.path())).findFirst().orElseThrow();
            byte[] px = dmlab.read(config, ref, FrameWindow.ALL).video().pixels();
            assertThat(px[((p.t() * 64 + p.y()) * 64 + p.x()) * 3 + p.c()] & 0xFF).as(p.toString()).isEqualTo(p.value());
        }
    }

    @Test
    void windowsHoldExactlyTheirFrames() {
        // ep_a is stored, ep_b deflated: both paths of the npz reader.
        for (String id : List.of("train/0000/ep_a", "train/0001/ep_b")) {
            EpisodeRef ref = ref(id);
            Fixtures.Expected expected = Fixtures.episodes().get("dmlab/" + id + ".npz");
            for (int[] w : new int[][] {{0, 1}, {1, 2}, {2, 2}, {ref.frames() - 1, 1}, {0, ref.frames()}, {ref.frames(), 0}}) {
                Episode e = dmlab.read(config, ref, new FrameWindow(w[0], w[1]));
                assertThat(e.frames()).isEqualTo(w[1]);
                assertThat(e.actions()).containsExactly(Arrays.copyOfRange(expected.actions(), w[0], w[0] + w[1]));
                for (int t = 0; t < w[1]; t++) {
                    int fb = e.video().frameBytes();
                    assertThat(Fixtures.sha256(e.video().pixels(), t * fb, (t + 1) * fb)).as(id + " frame " + (w[0] + t))
                            .isEqualTo(expected.frameSha256().get(w[0] + t));
                }
            }
            Episode tail = dmlab.read(config, ref, new FrameWindow(2, -1));
            assertThat(tail.frames()).isEqualTo(ref.frames() - 2);
            assertThat(tail.video()).isEqualTo(dmlab.read(config, ref, FrameWindow.ALL).video().slice(2, ref.frames() - 2));
        }
    }

    @Test
    void aWindowPastTheEndIsAnError() {
        EpisodeRef ref = ref("train/0000/ep_a");
        assertThatThrownBy(() -> dmlab.read(config, ref, new FrameWindow(3, 2)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dmlab episode train/0000/ep_a (" + ref.location() + "): expected a window inside its 4 frames, got [3, 5)");
        assertThatThrownBy(() -> dmlab.read(config, ref, new FrameWindow(5, -1)))
                .hasMessageEndingWith("expected a window inside its 4 frames, got [5, 5)");
    }

    @Test
    void minecraftAndHabitatRead128PixelFrames() {
        for (DatasetReader reader : new DatasetReader[] {new MinecraftDatasetReader(), new HabitatDatasetReader()}) {
            String name = reader instanceof MinecraftDatasetReader ? "minecraft" : "habitat";
            Settings c = Fixtures.anyLength(Fixtures.file("res128"), name);
            for (Split split : Split.values()) {
                for (EpisodeRef ref : reader.episodes(c, split)) {
                    Episode e = reader.read(c, ref, FrameWindow.ALL);
                    Fixtures.Expected expected = Fixtures.episodes().get("res128/" + ref.id() + ".npz");
                    assertThat(e.actions()).containsExactly(expected.actions());
                    byte[] px = e.video().pixels();
                    int i = 0;
                    for (int t = 0; t < e.frames(); t++) {
                        for (int y = 0; y < 128; y++) {
                            for (int x = 0; x < 128; x++) {
                                for (int ch = 0; ch < 3; ch++) {
                                    if ((px[i++] & 0xFF) != Fixtures.patternPixel(t, y, x, ch)) {
                                        throw new AssertionError(name + " " + ref.id() + " differs at " + t + "," + y + "," + x + "," + ch);
                                    }
                                }
                            }
                        }
                    }
                    assertThat(Fixtures.sha256(px, 0, px.length)).isEqualTo(expected.videoSha256());
                }
            }
        }
    }

    @Test
    void theDmlabReaderRefusesMinecraftsResolution() {
        Path res128 = Fixtures.file("res128");
        assertThatThrownBy(() -> dmlab.episodes(Fixtures.anyLength(res128, "dmlab"), Split.TRAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dmlab episode " + res128.resolve("train/a/ep_0.npz") + ": 'video' frames are 128x128: expected 64x64 for dmlab, "
                        + "shape (T, 64, 64, 3), found (3, 128, 128, 3)");
    }

    @Test
    void aConfigWithoutDataPathStillReadsAKnownEpisode() {
        EpisodeRef ref = ref("train/ep_c");
        Settings bare = org.tecoplatform.pipeline.config.ConfigSettings.of(Map.of("dmlab", Map.of("episode_length", 4)), Fixtures.root());
        assertThat(dmlab.read(bare, ref, FrameWindow.ALL).frames()).isEqualTo(4);
    }

    private EpisodeRef ref(String id) {
        Split split = id.startsWith("train") ? Split.TRAIN : Split.TEST;
        return dmlab.episodes(config, split).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
