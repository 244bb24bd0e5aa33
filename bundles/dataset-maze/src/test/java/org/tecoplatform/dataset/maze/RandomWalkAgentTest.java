package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomWalkAgentTest {

    /** A 5x5 map: a 3x3 open room inside the wall ring. */
    static MazeGrid room() {
        byte[] tiles = new byte[25];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                boolean border = x == 0 || y == 0 || x == 4 || y == 4;
                tiles[y * 5 + x] = (byte) (border ? 1 : 0);
            }
        }
        return MazeGrid.of(5, tiles);
    }

    @Test
    void neverWalksIntoAWall() {
        for (long seed = 0; seed < 40; seed++) {
            MazeGrid g = MazeGenerator.generate(7, 0.15, seed);
            RandomWalkAgent agent = new RandomWalkAgent(g, RandomWalkAgent.spawn(g, seed), seed + 1000);
            for (int t = 0; t < 1000; t++) {
                agent.apply(agent.chooseAction());
                Pose p = agent.pose();
                int r = RandomWalkAgent.RADIUS;
                // Every corner of the body is on an open tile.
                for (int cx : new int[] {p.x() - r, p.x() + r}) {
                    for (int cy : new int[] {p.y() - r, p.y() + r}) {
                        assertThat(g.isWall(Math.floorDiv(cx, Pose.UNIT), Math.floorDiv(cy, Pose.UNIT)))
                                .as("seed %d step %d pose %s", seed, t, p).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void walksAroundRatherThanJittering() {
        int total = 0;
        int episodes = 30;
        int forward = 0;
        int actions = 0;
        for (long seed = 0; seed < episodes; seed++) {
            MazeGrid g = MazeGenerator.generate(7, 0.15, seed);
            RandomWalkAgent agent = new RandomWalkAgent(g, RandomWalkAgent.spawn(g, seed), seed);
            Set<Integer> tiles = new HashSet<>();
            for (int t = 0; t < 300; t++) {
                int a = agent.chooseAction();
                assertThat(a).isBetween(0, RandomWalkAgent.ACTION_DIM - 1);
                forward += a == RandomWalkAgent.FORWARD ? 1 : 0;
                actions++;
                agent.apply(a);
                tiles.add(agent.pose().x() / Pose.UNIT * 1000 + agent.pose().y() / Pose.UNIT);
            }
            total += tiles.size();
        }
        // Measured about 13.6 distinct tiles per 300 steps; a jittering walker stays near 2.
        assertThat(total / (double) episodes).isGreaterThan(8);
        assertThat(forward / (double) actions).isGreaterThan(0.35);
    }

    @Test
    void steppingForwardThenBackLandsOnTheSamePose() {
        MazeGrid g = room();
        Pose start = Pose.atTile(2, 2, 5);
        RandomWalkAgent agent = new RandomWalkAgent(g, start, 1);
        assertThat(agent.apply(RandomWalkAgent.FORWARD)).isTrue();
        assertThat(agent.pose()).isNotEqualTo(start);
        assertThat(agent.apply(RandomWalkAgent.BACKWARD)).isTrue();
        assertThat(agent.pose()).isEqualTo(start);
        assertThat(agent.apply(RandomWalkAgent.STRAFE_LEFT)).isTrue();
        assertThat(agent.apply(RandomWalkAgent.STRAFE_RIGHT)).isTrue();
        assertThat(agent.pose()).isEqualTo(start);
        for (int i = 0; i < Pose.HEADINGS; i++) {
            agent.apply(RandomWalkAgent.TURN_RIGHT);
        }
        assertThat(agent.pose()).isEqualTo(start);
        agent.apply(RandomWalkAgent.TURN_LEFT);
        assertThat(agent.pose().heading()).isEqualTo(4);
        agent.apply(RandomWalkAgent.NO_ACTION);
        assertThat(agent.pose().heading()).isEqualTo(4);
    }

    @Test
    void forwardFollowsTheHeadingAndStrafeRightGoesToScreenRight() {
        MazeGrid g = room();
        // Heading 0 looks along +x; with y growing downwards, screen right is +y.
        RandomWalkAgent agent = new RandomWalkAgent(g, Pose.atTile(2, 2, 0), 1);
        agent.apply(RandomWalkAgent.FORWARD);
        assertThat(agent.pose().x()).isEqualTo(Pose.UNIT * 5 / 2 + RandomWalkAgent.STEP);
        assertThat(agent.pose().y()).isEqualTo(Pose.UNIT * 5 / 2);
        agent.apply(RandomWalkAgent.STRAFE_RIGHT);
        assertThat(agent.pose().y()).isEqualTo(Pose.UNIT * 5 / 2 + RandomWalkAgent.STRAFE_STEP);
        // Turning right turns the view toward where strafing right went.
        agent.apply(RandomWalkAgent.TURN_RIGHT);
        assertThat(agent.pose().dirY()).isPositive();
    }

    @Test
    void aWallStopsTheWalkerAndItSaysSo() {
        MazeGrid g = room();
        RandomWalkAgent agent = new RandomWalkAgent(g, Pose.atTile(3, 2, 0), 1);
        int moves = 0;
        while (agent.apply(RandomWalkAgent.FORWARD)) {
            moves++;
            assertThat(moves).isLessThan(10);
        }
        // It stops with its body touching the wall tile at x = 4 and no further.
        assertThat(agent.pose().x() + RandomWalkAgent.RADIUS).isLessThan(4 * Pose.UNIT);
        assertThat(agent.pose().x() + RandomWalkAgent.RADIUS + RandomWalkAgent.STEP / 2).isGreaterThanOrEqualTo(4 * Pose.UNIT);
        // A stopped walker turns away next.
        assertThat(agent.chooseAction()).isIn(RandomWalkAgent.TURN_LEFT, RandomWalkAgent.TURN_RIGHT);
    }

    @Test
    void slidesAlongAWallWhenWalkingIntoItAtAnAngle() {
        MazeGrid g = room();
        // Heading 1 is 15° below +x: walking on against the east wall keeps sliding along +y.
        RandomWalkAgent agent = new RandomWalkAgent(g, Pose.atTile(3, 1, 1), 1);
        for (int i = 0; i < 3; i++) {
            agent.apply(RandomWalkAgent.FORWARD);
        }
        int y = agent.pose().y();
        int x = agent.pose().x();
        agent.apply(RandomWalkAgent.FORWARD);
        assertThat(agent.pose().x()).isEqualTo(x);
        assertThat(agent.pose().y()).isGreaterThan(y);
    }

    @Test
    void rejectsUnknownActionsAndStartsInWalls() {
        MazeGrid g = room();
        RandomWalkAgent agent = new RandomWalkAgent(g, Pose.atTile(2, 2, 0), 1);
        assertThatThrownBy(() -> agent.apply(7)).hasMessageContaining("no action 7");
        assertThatThrownBy(() -> new RandomWalkAgent(g, Pose.atTile(0, 0, 0), 1)).hasMessageContaining("inside a wall");
    }

    @Test
    void spawnsOnOpenTilesOnly() {
        for (long seed = 0; seed < 50; seed++) {
            MazeGrid g = MazeGenerator.generate(5, 0.1, seed);
            Pose p = RandomWalkAgent.spawn(g, seed);
            assertThat(g.isWall(p.x() / Pose.UNIT, p.y() / Pose.UNIT)).isFalse();
            assertThat(RandomWalkAgent.fits(g, p.x(), p.y())).isTrue();
        }
    }
}
