package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MazeGeneratorTest {

    @Test
    void borderIsWallAndCellsAreOpen() {
        MazeGrid g = MazeGenerator.generate(7, 0.15, 42);
        assertThat(g.side()).isEqualTo(15);
        for (int i = 0; i < g.side(); i++) {
            assertThat(g.isWall(i, 0)).isTrue();
            assertThat(g.isWall(i, g.side() - 1)).isTrue();
            assertThat(g.isWall(0, i)).isTrue();
            assertThat(g.isWall(g.side() - 1, i)).isTrue();
        }
        for (int cy = 0; cy < 7; cy++) {
            for (int cx = 0; cx < 7; cx++) {
                assertThat(g.isWall(2 * cx + 1, 2 * cy + 1)).as("cell %d,%d", cx, cy).isFalse();
            }
        }
    }

    @Test
    void withoutLoopsItIsAPerfectMazeAndEveryTileIsReachable() {
        for (long seed = 0; seed < 20; seed++) {
            MazeGrid g = MazeGenerator.generate(7, 0, seed);
            // A spanning tree of 49 cells: 49 cell tiles plus 48 passages.
            assertThat(g.openTiles()).as("seed %d\n%s", seed, g).isEqualTo(2 * 49 - 1);
            assertThat(reachable(g)).isEqualTo(g.openTiles());
        }
    }

    @Test
    void loopsOpenExtraWallsAndKeepEverythingReachable() {
        MazeGrid perfect = MazeGenerator.generate(7, 0, 5);
        MazeGrid loopy = MazeGenerator.generate(7, 0.5, 5);
        // 84 walls between neighbouring cells, 48 carved: half of the other 36 open.
        assertThat(loopy.openTiles()).isEqualTo(perfect.openTiles() + 18);
        assertThat(reachable(loopy)).isEqualTo(loopy.openTiles());
        assertThat(MazeGenerator.generate(7, 1, 5).openTiles()).isEqualTo(49 + 84);
    }

    @Test
    void sameSeedSameMazeOtherSeedOtherMaze() {
        assertThat(MazeGenerator.generate(7, 0.15, 99)).isEqualTo(MazeGenerator.generate(7, 0.15, 99));
        assertThat(MazeGenerator.generate(7, 0.15, 99)).isNotEqualTo(MazeGenerator.generate(7, 0.15, 100));
    }

    @Test
    void wallsCarrySeveralRegionTexturesAndSomePosters() {
        MazeGrid g = MazeGenerator.generate(7, 0.15, 3);
        Set<Integer> walls = new HashSet<>();
        int posters = 0;
        for (int y = 0; y < g.side(); y++) {
            for (int x = 0; x < g.side(); x++) {
                if (!g.isWall(x, y)) {
                    assertThat(g.texture(x, y)).isEqualTo(-1);
                    continue;
                }
                int t = g.texture(x, y);
                assertThat(t).isBetween(0, WallTextures.COUNT - 1);
                if (t >= WallTextures.WALLS) {
                    posters++;
                } else {
                    walls.add(t);
                }
            }
        }
        // 49 cells give 5 regions, and 49/8 = 6 posters.
        assertThat(walls).hasSizeGreaterThanOrEqualTo(3);
        assertThat(posters).isEqualTo(6);
    }

    @Test
    void smallAndLargeGridsWork() {
        MazeGrid small = MazeGenerator.generate(2, 0.15, 1);
        assertThat(small.side()).isEqualTo(5);
        assertThat(reachable(small)).isEqualTo(small.openTiles());
        MazeGrid large = MazeGenerator.generate(MazeGenerator.MAX_CELLS, 0.1, 1);
        assertThat(reachable(large)).isEqualTo(large.openTiles());
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> MazeGenerator.generate(1, 0.1, 1)).hasMessageContaining("[2, 100]").hasMessageContaining("1");
        assertThatThrownBy(() -> MazeGenerator.generate(7, -0.1, 1)).hasMessageContaining("loops");
        assertThatThrownBy(() -> MazeGenerator.generate(7, Double.NaN, 1)).hasMessageContaining("loops");
    }

    @Test
    void gridOfRejectsOpenBordersAndUnknownTextures() {
        byte[] tiles = new byte[9];
        java.util.Arrays.fill(tiles, (byte) 1);
        tiles[4] = 0;
        assertThat(MazeGrid.of(3, tiles).openTiles()).isEqualTo(1);
        tiles[1] = 0;
        assertThatThrownBy(() -> MazeGrid.of(3, tiles)).hasMessageContaining("border");
        tiles[1] = (byte) (WallTextures.COUNT + 1);
        assertThatThrownBy(() -> MazeGrid.of(3, tiles)).hasMessageContaining("texture");
    }

    /** Open tiles reachable from the first open tile through open 4-neighbours. */
    static int reachable(MazeGrid g) {
        int side = g.side();
        boolean[] seen = new boolean[side * side];
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        outer:
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (!g.isWall(x, y)) {
                    queue.add(new int[] {x, y});
                    seen[y * side + x] = true;
                    break outer;
                }
            }
        }
        int n = 0;
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int[] p = queue.poll();
            n++;
            for (int[] s : steps) {
                int x = p[0] + s[0];
                int y = p[1] + s[1];
                if (!g.isWall(x, y) && !seen[y * side + x]) {
                    seen[y * side + x] = true;
                    queue.add(new int[] {x, y});
                }
            }
        }
        return n;
    }
}
