package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

class MazeEpisodeRendererTest {

    private final MazeEpisodeRenderer renderer = new MazeEpisodeRenderer(32, 7, 0.15);

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        Video a = renderer.render(77, 40);
        Video b = new MazeEpisodeRenderer(32, 7, 0.15).render(77, 40);
        assertThat(a).isEqualTo(b);
        assertThat(renderer.render(78, 40)).isNotEqualTo(a);
        // The grid options shape the episode too.
        assertThat(new MazeEpisodeRenderer(32, 6, 0.15).render(77, 40)).isNotEqualTo(a);
    }

    @Test
    void shapeAndActions() {
        Episode e = renderer.render("e", 5, 0, 50);
        assertThat(e.video().frames()).isEqualTo(50);
        assertThat(e.video().height()).isEqualTo(32);
        assertThat(e.video().width()).isEqualTo(32);
        assertThat(e.video().channels()).isEqualTo(3);
        assertThat(e.actions()[0]).isEqualTo(RandomWalkAgent.NO_ACTION);
        for (int t = 1; t < 50; t++) {
            assertThat(e.actions()[t]).isBetween(0, RandomWalkAgent.ACTION_DIM - 1);
        }
    }

    @Test
    void aWindowIsTheSliceOfTheWholeEpisode() {
        Episode whole = renderer.render("e", 9, 0, 120);
        Episode window = renderer.render("e", 9, 37, 50);
        assertThat(window.video()).isEqualTo(whole.video().slice(37, 50));
        assertThat(window.actions()).isEqualTo(Arrays.copyOfRange(whole.actions(), 37, 87));
        // A longer episode starts with the shorter one.
        assertThat(renderer.render(9, 60)).isEqualTo(whole.video().slice(0, 60));
        assertThat(renderer.render("e", 9, 120, 0).frames()).isZero();
    }

    @Test
    void consecutiveFramesChangeAsTheWalkerMoves() {
        Episode e = renderer.render("e", 21, 0, 100);
        Pose[] poses = renderer.poses(21, 100);
        int fb = e.video().frameBytes();
        byte[] px = e.video().pixels();
        for (int t = 1; t < 100; t++) {
            boolean same = Arrays.equals(px, (t - 1) * fb, t * fb, px, t * fb, (t + 1) * fb);
            assertThat(same).as("frame %d vs %d with poses %s %s", t - 1, t, poses[t - 1], poses[t])
                    .isEqualTo(poses[t - 1].equals(poses[t]));
        }
    }

    @Test
    void revisitingAPoseRendersTheSameFrame() {
        int frames = 300;
        int revisits = 0;
        for (long seed = 0; seed < 5; seed++) {
            Pose[] poses = renderer.poses(seed, frames);
            byte[] px = renderer.render(seed, frames).pixels();
            int fb = 32 * 32 * 3;
            Map<Pose, Integer> first = new HashMap<>();
            for (int t = 0; t < frames; t++) {
                Integer earlier = first.putIfAbsent(poses[t], t);
                if (earlier != null && earlier < t - 1) {
                    revisits++;
                    assertThat(Arrays.equals(px, earlier * fb, (earlier + 1) * fb, px, t * fb, (t + 1) * fb))
                            .as("seed %d: frame %d and %d share pose %s", seed, earlier, t, poses[t]).isTrue();
                }
            }
        }
        // Integer poses make returning to a pose common (turn left then right, step back and forth).
        assertThat(revisits).isGreaterThan(5);
    }

    @Test
    void episodeSeedsOfTrainAndTestNeverCollide() {
        Set<Long> train = new HashSet<>();
        Set<Long> test = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            train.add(MazeEpisodeRenderer.episodeSeed(1, Split.TRAIN, i));
            test.add(MazeEpisodeRenderer.episodeSeed(1, Split.TEST, i));
        }
        assertThat(train).hasSize(5000);
        assertThat(test).hasSize(5000);
        assertThat(train).doesNotContainAnyElementsOf(test);
        assertThat(MazeEpisodeRenderer.episodeSeed(2, Split.TRAIN, 0)).isNotEqualTo(MazeEpisodeRenderer.episodeSeed(1, Split.TRAIN, 0));
    }

    @Test
    void renderFrameDrawsThePoseGiven() {
        long seed = 4;
        Pose[] poses = renderer.poses(seed, 10);
        byte[] expected = renderer.render("e", seed, 7, 1).video().pixels();
        byte[] frame = new byte[32 * 32 * 3];
        renderer.renderFrame(renderer.maze(seed), poses[7], frame, 0);
        assertThat(frame).isEqualTo(expected);
    }
}
