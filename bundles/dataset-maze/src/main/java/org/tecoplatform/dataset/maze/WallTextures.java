package org.tecoplatform.dataset.maze;

/**
 * The maze's textures, generated once from a fixed seed and shared read-only by every
 * renderer: 32 wall textures (8 colours x 4 patterns, so neighbouring regions of a maze look
 * clearly different), 8 "posters" (a pale panel with one coloured shape, the landmarks that
 * make one particular spot recognisable when the walker comes back to it), a floor and a
 * ceiling. Texels are packed {@code 0xRRGGBB} ints, stored column by column
 * ({@code u * SIZE + v}) because the raycaster reads one texture column per screen column.
 */
public final class WallTextures {

    /** Texels per texture side; a power of two so that wrapping is a mask. */
    public static final int SIZE = 64;
    static final int SHIFT = 6;
    static final int MASK = SIZE - 1;

    /** Plain wall textures: ids {@code 0 .. WALLS-1}. */
    public static final int WALLS = 32;
    /** Poster textures: ids {@code WALLS .. COUNT-1}. */
    public static final int POSTERS = 8;
    public static final int COUNT = WALLS + POSTERS;

    private static final int[][] COLOURS = {
        {178, 52, 44},   // red
        {58, 142, 62},   // green
        {52, 86, 178},   // blue
        {206, 182, 58},  // yellow
        {134, 62, 156},  // purple
        {46, 160, 168},  // cyan
        {214, 122, 40},  // orange
        {176, 176, 170}, // light grey
    };
    private static final int PATTERNS = 4;
    /** Ink of each poster's shape (declared before the static block that paints with it). */
    private static final int[][] POSTER_COLOURS = {
        {200, 30, 30}, {30, 60, 200}, {20, 150, 40}, {230, 120, 0},
        {140, 30, 170}, {20, 20, 20}, {0, 160, 180}, {180, 150, 0},
    };

    /** All wall and poster texels: texture id t, column u, row v at {@code (t << 12) | (u << 6) | v}. */
    static final int[] WALL_TEXELS = new int[COUNT * SIZE * SIZE];
    /** Floor texels (stone slabs), same column-major layout. */
    static final int[] FLOOR = new int[SIZE * SIZE];
    /** Ceiling texels (panels), same column-major layout. */
    static final int[] CEILING = new int[SIZE * SIZE];

    static {
        MazeRandom noise = new MazeRandom(0x7EC0_3A2EL);
        for (int c = 0; c < COLOURS.length; c++) {
            for (int p = 0; p < PATTERNS; p++) {
                paintWall(c * PATTERNS + p, COLOURS[c], p, noise);
            }
        }
        for (int i = 0; i < POSTERS; i++) {
            paintPoster(WALLS + i, i, noise);
        }
        paintFloor(noise);
        paintCeiling(noise);
    }

    private WallTextures() {
    }

    /** The texel of texture {@code id} at column u, row v, as {@code 0xRRGGBB}. */
    public static int texel(int id, int u, int v) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("no wall texture " + id + " (there are " + COUNT + ")");
        }
        return WALL_TEXELS[(id << (2 * SHIFT)) | ((u & MASK) << SHIFT) | (v & MASK)];
    }

    /** The id of the plain wall texture with colour {@code colour} (0..7) and pattern {@code pattern} (0..3). */
    static int wallId(int colour, int pattern) {
        return colour * PATTERNS + pattern;
    }

    private static void paintWall(int id, int[] rgb, int pattern, MazeRandom noise) {
        for (int u = 0; u < SIZE; u++) {
            for (int v = 0; v < SIZE; v++) {
                double b = switch (pattern) {
                    case 0 -> bricks(u, v);
                    case 1 -> planks(u, v);
                    case 2 -> panels(u, v);
                    default -> stripes(u, v);
                };
                put(WALL_TEXELS, id, u, v, rgb[0] * b, rgb[1] * b, rgb[2] * b, noise, 7);
            }
        }
    }

    /** Bricks 32x16, every other row offset by half a brick, dark mortar, each brick its own shade. */
    private static double bricks(int u, int v) {
        int row = v >> 4;
        int uu = (u + ((row & 1) << 4)) & MASK;
        if ((v & 15) < 2 || (uu & 31) < 2) {
            return 0.42;
        }
        int brick = row * 2 + (uu >> 5);
        return 0.88 + 0.16 * (((brick * 0x9E37) >>> 5 & 7) / 7.0);
    }

    /** Vertical boards 16 wide: a dark seam and light falling off across each board. */
    private static double planks(int u, int v) {
        int x = u & 15;
        if (x == 0) {
            return 0.38;
        }
        double grain = ((v * 7 + u * 3) % 11) < 2 ? 0.93 : 1.0;
        return (1.05 - 0.02 * x) * grain;
    }

    /** Four raised 32x32 panels: lit top-left bevel, shadowed bottom-right bevel. */
    private static double panels(int u, int v) {
        int x = u & 31;
        int y = v & 31;
        if (x < 3 || y < 3) {
            return 1.25;
        }
        if (x > 28 || y > 28) {
            return 0.5;
        }
        return ((u >> 5) ^ (v >> 5)) == 0 ? 0.95 : 0.82;
    }

    /** Diagonal bands 8 texels wide. */
    private static double stripes(int u, int v) {
        return (((u + v) >> 3) & 1) == 0 ? 1.05 : 0.6;
    }

    /** A framed pale panel with one bold shape; poster i has its own shape and colour. */
    private static void paintPoster(int id, int i, MazeRandom noise) {
        int[] ink = POSTER_COLOURS[i];
        for (int u = 0; u < SIZE; u++) {
            for (int v = 0; v < SIZE; v++) {
                double x = u - 31.5;
                double y = v - 31.5;
                boolean frame = u < 5 || v < 5 || u >= SIZE - 5 || v >= SIZE - 5;
                boolean inkHere = switch (i) {
                    case 0 -> x * x + y * y < 19 * 19;                                      // disc
                    case 1 -> y > -18 && y < 16 && Math.abs(x) < (y + 18) * 0.6;            // triangle
                    case 2 -> (Math.abs(x) < 6 || Math.abs(y) < 6) && Math.abs(x) < 20 && Math.abs(y) < 20; // plus
                    case 3 -> Math.abs(x) + Math.abs(y) < 21;                               // diamond
                    case 4 -> x * x + y * y < 20 * 20 && x * x + y * y > 11 * 11;           // ring
                    case 5 -> Math.abs(x) < 15 && Math.abs(y) < 15;                         // square
                    case 6 -> Math.abs(y) < 20 && Math.abs(x) < 20 && ((int) (y + 20) / 8) % 2 == 0; // bars
                    default -> Math.abs(Math.abs(x) - Math.abs(y)) < 5 && Math.abs(x) < 19;  // cross
                };
                if (frame) {
                    put(WALL_TEXELS, id, u, v, 48, 44, 40, noise, 4);
                } else if (inkHere) {
                    put(WALL_TEXELS, id, u, v, ink[0], ink[1], ink[2], noise, 4);
                } else {
                    put(WALL_TEXELS, id, u, v, 228, 224, 212, noise, 4);
                }
            }
        }
    }

    /** Stone slabs with grout; one texture spans half a tile, so each tile shows four slabs. */
    private static void paintFloor(MazeRandom noise) {
        for (int u = 0; u < SIZE; u++) {
            for (int v = 0; v < SIZE; v++) {
                double b = (u < 3 || v < 3) ? 0.5 : 1.0;
                put(FLOOR, 0, u, v, 112 * b, 96 * b, 80 * b, noise, 10);
            }
        }
    }

    /** Dim blue-grey ceiling panels with thin joints. */
    private static void paintCeiling(MazeRandom noise) {
        for (int u = 0; u < SIZE; u++) {
            for (int v = 0; v < SIZE; v++) {
                double b = ((u & 31) < 2 || (v & 31) < 2) ? 0.6 : 1.0;
                put(CEILING, 0, u, v, 84 * b, 92 * b, 116 * b, noise, 4);
            }
        }
    }

    private static void put(int[] dst, int id, int u, int v, double r, double g, double b, MazeRandom noise, int grain) {
        int n = noise.nextInt(2 * grain + 1) - grain;
        dst[(id << (2 * SHIFT)) | (u << SHIFT) | v] = (clamp(r + n) << 16) | (clamp(g + n) << 8) | clamp(b + n);
    }

    private static int clamp(double x) {
        return (int) Math.max(0, Math.min(255, Math.round(x)));
    }
}
