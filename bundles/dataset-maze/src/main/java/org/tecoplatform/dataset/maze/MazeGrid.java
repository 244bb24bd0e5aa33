package org.tecoplatform.dataset.maze;

import java.util.Arrays;

/**
 * A maze as a square tile map, the layout a Wolfenstein-style raycaster walks: each tile is
 * either open (0) or a solid unit block whose value is its wall texture id plus one. The
 * maze's cells sit on the odd tiles ({@code 2c+1}); the tiles between two cells are the
 * passages or walls between them, and the outer ring is always wall.
 */
public final class MazeGrid {

    private final int side;
    private final byte[] tiles;

    private MazeGrid(int side, byte[] tiles) {
        this.side = side;
        this.tiles = tiles;
    }

    /**
     * A tile map given row by row ({@code tiles[y * side + x]}), copied. Every border tile must
     * be a wall, so that every ray ends and no walker can leave the map.
     */
    public static MazeGrid of(int side, byte[] tiles) {
        if (side < 3) {
            throw new IllegalArgumentException("a maze needs at least 3x3 tiles, got " + side);
        }
        if (tiles.length != side * side) {
            throw new IllegalArgumentException("a " + side + "x" + side + " maze needs " + side * side + " tiles, got " + tiles.length);
        }
        for (int i = 0; i < side; i++) {
            if (tiles[i] == 0 || tiles[(side - 1) * side + i] == 0 || tiles[i * side] == 0 || tiles[i * side + side - 1] == 0) {
                throw new IllegalArgumentException("the border of a maze must be wall");
            }
        }
        for (byte t : tiles) {
            if ((t & 0xFF) > WallTextures.COUNT) {
                throw new IllegalArgumentException("tile value " + (t & 0xFF) + " names no wall texture (at most " + WallTextures.COUNT + ")");
            }
        }
        return new MazeGrid(side, tiles.clone());
    }

    /** Tiles per side. */
    public int side() {
        return side;
    }

    /** Whether the tile at column x, row y is solid; outside the map counts as solid. */
    public boolean isWall(int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side || tiles[y * side + x] != 0;
    }

    /** The wall texture id of a solid tile, or -1 for an open one. */
    public int texture(int x, int y) {
        return (tiles[y * side + x] & 0xFF) - 1;
    }

    /** Number of open tiles. */
    public int openTiles() {
        int n = 0;
        for (byte t : tiles) {
            if (t == 0) {
                n++;
            }
        }
        return n;
    }

    /** The raw tile values, row-major; the caller must not change them (the raycaster's hot loop reads them). */
    byte[] tilesUnsafe() {
        return tiles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MazeGrid g && side == g.side && Arrays.equals(tiles, g.tiles);
    }

    @Override
    public int hashCode() {
        return 31 * side + Arrays.hashCode(tiles);
    }

    /** One character per tile: '.' open, a letter per wall texture; handy in test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int t = tiles[y * side + x] & 0xFF;
                sb.append(t == 0 ? '.' : (char) (t <= 26 ? 'a' + t - 1 : 'A' + (t - 27) % 26));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
