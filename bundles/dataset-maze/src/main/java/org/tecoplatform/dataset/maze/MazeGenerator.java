package org.tecoplatform.dataset.maze;

import java.util.Arrays;

/**
 * Builds a seeded random maze: a recursive backtracker carves a perfect maze (one path
 * between any two cells), then a fraction of the remaining inner walls is knocked out so that
 * paths form loops and a walker comes back to places by another way, as in DMLab's mazes.
 * Walls get textures by region (a Voronoi partition around a few random cells, each region
 * its own colour) plus a few posters, so that a place can be recognised when it is revisited.
 */
public final class MazeGenerator {

    /** Largest number of cells per side; 2·100+1 tiles still fits the raycaster's step budget. */
    public static final int MAX_CELLS = 100;

    private MazeGenerator() {
    }

    /**
     * The maze of {@code cells} x {@code cells} cells for {@code seed}.
     *
     * @param loops fraction (0..1) of the walls left between cells after carving that are opened
     */
    public static MazeGrid generate(int cells, double loops, long seed) {
        if (cells < 2 || cells > MAX_CELLS) {
            throw new IllegalArgumentException("cells per side must be in [2, " + MAX_CELLS + "], got " + cells);
        }
        if (!(loops >= 0 && loops <= 1)) {
            throw new IllegalArgumentException("loops must be in [0, 1], got " + loops);
        }
        MazeRandom rng = new MazeRandom(seed);
        int side = 2 * cells + 1;
        byte[] tiles = new byte[side * side];
        Arrays.fill(tiles, (byte) 1);
        carve(tiles, side, cells, rng);
        openLoops(tiles, side, loops, rng);
        paintRegions(tiles, side, cells, rng);
        hangPosters(tiles, side, cells, rng);
        return MazeGrid.of(side, tiles);
    }

    /** Iterative recursive backtracker (an explicit stack: a 100x100 maze would overflow the call stack). */
    private static void carve(byte[] tiles, int side, int cells, MazeRandom rng) {
        boolean[] visited = new boolean[cells * cells];
        int[] stack = new int[cells * cells];
        int[] options = new int[4];
        int top = 0;
        int start = rng.nextInt(cells * cells);
        stack[top++] = start;
        visited[start] = true;
        openCell(tiles, side, start % cells, start / cells);
        while (top > 0) {
            int cell = stack[top - 1];
            int cx = cell % cells;
            int cy = cell / cells;
            int n = 0;
            if (cx > 0 && !visited[cell - 1]) {
                options[n++] = cell - 1;
            }
            if (cx < cells - 1 && !visited[cell + 1]) {
                options[n++] = cell + 1;
            }
            if (cy > 0 && !visited[cell - cells]) {
                options[n++] = cell - cells;
            }
            if (cy < cells - 1 && !visited[cell + cells]) {
                options[n++] = cell + cells;
            }
            if (n == 0) {
                top--;
                continue;
            }
            int next = options[rng.nextInt(n)];
            int nx = next % cells;
            int ny = next / cells;
            // The tile between two neighbouring cells' tiles is the passage.
            tiles[(cy + ny + 1) * side + (cx + nx + 1)] = 0;
            openCell(tiles, side, nx, ny);
            visited[next] = true;
            stack[top++] = next;
        }
    }

    private static void openCell(byte[] tiles, int side, int cx, int cy) {
        tiles[(2 * cy + 1) * side + (2 * cx + 1)] = 0;
    }

    /** Opens a shuffled fraction of the walls that still separate two cells (never a pillar or the border). */
    private static void openLoops(byte[] tiles, int side, double loops, MazeRandom rng) {
        int[] walls = new int[side * side];
        int n = 0;
        for (int y = 1; y < side - 1; y++) {
            for (int x = 1; x < side - 1; x++) {
                boolean between = (x % 2 == 1) != (y % 2 == 1);
                if (between && tiles[y * side + x] != 0) {
                    walls[n++] = y * side + x;
                }
            }
        }
        int open = (int) Math.round(loops * n);
        for (int i = 0; i < open; i++) {
            int j = i + rng.nextInt(n - i);
            int w = walls[j];
            walls[j] = walls[i];
            walls[i] = w;
            tiles[w] = 0;
        }
    }

    /**
     * Gives each wall tile the texture of its region: the nearest of a few random centres.
     * Regions take distinct colours (while there are colours left), each with a random pattern.
     */
    private static void paintRegions(byte[] tiles, int side, int cells, MazeRandom rng) {
        int regions = Math.max(3, Math.min(WallTextures.WALLS, Math.round(cells * cells / 10f)));
        int[] cx = new int[regions];
        int[] cy = new int[regions];
        int[] texture = new int[regions];
        int colours = WallTextures.WALLS / 4;
        int[] colourOrder = permutation(colours, rng);
        for (int r = 0; r < regions; r++) {
            cx[r] = 2 * rng.nextInt(cells) + 1;
            cy[r] = 2 * rng.nextInt(cells) + 1;
            int colour = colourOrder[r % colours];
            // Past 8 regions colours repeat; stepping the pattern keeps those regions distinct.
            int pattern = (rng.nextInt(4) + r / colours) % 4;
            texture[r] = WallTextures.wallId(colour, pattern);
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (tiles[y * side + x] == 0) {
                    continue;
                }
                int best = 0;
                int bestD = Integer.MAX_VALUE;
                for (int r = 0; r < regions; r++) {
                    int dx = x - cx[r];
                    int dy = y - cy[r];
                    int d = dx * dx + dy * dy;
                    if (d < bestD) {
                        bestD = d;
                        best = r;
                    }
                }
                tiles[y * side + x] = (byte) (texture[best] + 1);
            }
        }
    }

    /** Replaces a few visible wall tiles (next to an open tile) with posters, distinct while they last. */
    private static void hangPosters(byte[] tiles, int side, int cells, MazeRandom rng) {
        int[] visible = new int[side * side];
        int n = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (tiles[y * side + x] != 0 && touchesOpen(tiles, side, x, y)) {
                    visible[n++] = y * side + x;
                }
            }
        }
        int posters = Math.min(n, Math.max(1, cells * cells / 8));
        int[] kinds = permutation(WallTextures.POSTERS, rng);
        for (int i = 0; i < posters; i++) {
            int j = i + rng.nextInt(n - i);
            int t = visible[j];
            visible[j] = visible[i];
            visible[i] = t;
            tiles[t] = (byte) (WallTextures.WALLS + kinds[i % WallTextures.POSTERS] + 1);
        }
    }

    private static boolean touchesOpen(byte[] tiles, int side, int x, int y) {
        return (x > 0 && tiles[y * side + x - 1] == 0)
                || (x < side - 1 && tiles[y * side + x + 1] == 0)
                || (y > 0 && tiles[(y - 1) * side + x] == 0)
                || (y < side - 1 && tiles[(y + 1) * side + x] == 0);
    }

    private static int[] permutation(int n, MazeRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
