package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.Video;

class RevisitModeTest {

    /** SHA-256 of the walk episode below as rendered before the revisit mode existed. */
    private static final String WALK_GOLDEN = "2b1ab38dc528884b4c11511f3ff208fede4ad1d3718a4b699850ab752393058b";

    @Test
    void theWalkModeIsByteForByteWhatItWas() throws Exception {
        assertThat(hash(new MazeEpisodeRenderer(32, 7, 0.15).render("e", 77, 0, 80))).isEqualTo(WALK_GOLDEN);
        assertThat(hash(new MazeEpisodeRenderer(32, 7, 0.15, 0).render("e", 77, 0, 80))).isEqualTo(WALK_GOLDEN);
    }

    @Test
    void theWayBackRepeatsTheWayOutFrameForFrame() {
        int leg = 20;
        MazeEpisodeRenderer renderer = new MazeEpisodeRenderer(32, 7, 0.15, leg);
        for (long seed : new long[] {3, 77, 1234}) {
            Episode e = renderer.render("e", seed, 0, 4 * leg + 1);
            Video v = e.video();
            // Frame leg + j is j steps back, i.e. frame leg - j, down to the spawn frame at 2 * leg.
            for (int j = 1; j <= leg; j++) {
                assertThat(sameFrame(v, leg + j, leg - j)).as("seed %d frame %d", seed, leg + j).isTrue();
                assertThat(e.actions()[leg + j]).isEqualTo(RandomWalkAgent.inverse(e.actions()[leg - j + 1]));
            }
            // The second leg sets out from the spawn pose again.
            assertThat(sameFrame(v, 2 * leg, 0)).isTrue();
            assertThat(sameFrame(v, 4 * leg, 0)).isTrue();
            // With the first leg + 1 frames as context, most later frames are a context frame again.
            int k = leg + 1;
            int seen = 0;
            for (int t = k; t < v.frames(); t++) {
                for (int c = 0; c < k; c++) {
                    if (sameFrame(v, t, c)) {
                        seen++;
                        break;
                    }
                }
            }
            assertThat(seen).isGreaterThanOrEqualTo(leg + 1);
        }
    }

    @Test
    void revisitEpisodesAreDeterministicAndWindowsAreSlices() {
        MazeEpisodeRenderer renderer = new MazeEpisodeRenderer(24, 7, 0.15, 15);
        Episode whole = renderer.render("e", 9, 0, 70);
        assertThat(new MazeEpisodeRenderer(24, 7, 0.15, 15).render("e", 9, 0, 70).video()).isEqualTo(whole.video());
        Episode window = renderer.render("e", 9, 23, 30);
        assertThat(window.video()).isEqualTo(whole.video().slice(23, 30));
        assertThat(window.actions()).isEqualTo(Arrays.copyOfRange(whole.actions(), 23, 53));
        assertThat(whole.video()).isNotEqualTo(new MazeEpisodeRenderer(24, 7, 0.15).render("e", 9, 0, 70).video());
    }

    @Test
    void theOptionsPickTheModeAndLeg() {
        Map<String, Object> base = Map.of("size", 24, "episode_length", 41);
        assertThat(options(base).revisitLeg()).isZero();
        assertThat(options(with(base, "mode", "revisit")).revisitLeg()).isEqualTo(20);
        assertThat(options(with(with(base, "mode", "revisit"), "revisit_leg", 7)).revisitLeg()).isEqualTo(7);
        // A leg set in the walk mode changes nothing.
        assertThat(options(with(base, "revisit_leg", 7)).revisitLeg()).isZero();
        assertThatThrownBy(() -> options(with(base, "mode", "circle")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("maze.mode: expected walk or revisit, got 'circle'");
        assertThatThrownBy(() -> options(with(with(base, "mode", "revisit"), "revisit_leg", -2)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("maze.revisit_leg: expected a step count >= 1, or 0 for half the episode, got -2");
    }

    private static MazeOptions options(Map<String, Object> maze) {
        return MazeOptions.from(MazeDatasetReaderTest.config(Map.of(), maze));
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    private static boolean sameFrame(Video v, int a, int b) {
        int fb = v.frameBytes();
        return Arrays.equals(v.pixels(), a * fb, (a + 1) * fb, v.pixels(), b * fb, (b + 1) * fb);
    }

    private static String hash(Episode e) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(e.video().pixels());
        for (int a : e.actions()) {
            md.update((byte) a);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
