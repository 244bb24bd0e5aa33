package org.tecoplatform.dataset.maze;

/**
 * Where the walker stands and which way it looks. Position is fixed point ({@link #UNIT} per
 * tile) and the heading is one of {@link #HEADINGS} discrete directions, so that walking a
 * path and walking it back lands on exactly the same pose (and so renders exactly the same
 * frame), which floating-point sums could not promise.
 *
 * <p>Map coordinates: x is the column, y the row, growing downwards; heading h looks along
 * angle {@code 2πh/HEADINGS}, so increasing h turns clockwise on the map, i.e. to the right.
 *
 * @param x       column position in 1/UNIT tiles
 * @param y       row position in 1/UNIT tiles
 * @param heading direction index in [0, HEADINGS)
 */
public record Pose(int x, int y, int heading) {

    /** Fixed-point units per tile. */
    public static final int UNIT = 1024;
    /** Discrete view directions, 15° apart: turning is smooth enough for a video model to follow. */
    public static final int HEADINGS = 24;

    private static final double[] COS = new double[HEADINGS];
    private static final double[] SIN = new double[HEADINGS];

    static {
        // StrictMath: the same table bits on every JVM, hence the same pixels.
        for (int h = 0; h < HEADINGS; h++) {
            double a = 2 * StrictMath.PI * h / HEADINGS;
            COS[h] = StrictMath.cos(a);
            SIN[h] = StrictMath.sin(a);
        }
    }

    public Pose {
        if (heading < 0 || heading >= HEADINGS) {
            throw new IllegalArgumentException("heading must be in [0, " + HEADINGS + "), got " + heading);
        }
    }

    /** The pose at the centre of tile (tx, ty). */
    public static Pose atTile(int tx, int ty, int heading) {
        return new Pose(tx * UNIT + UNIT / 2, ty * UNIT + UNIT / 2, heading);
    }

    /** Unit view direction, x component. */
    public double dirX() {
        return COS[heading];
    }

    /** Unit view direction, y component. */
    public double dirY() {
        return SIN[heading];
    }

    static double cos(int heading) {
        return COS[heading];
    }

    static double sin(int heading) {
        return SIN[heading];
    }

    /** Position in tiles. */
    public double tileX() {
        return x / (double) UNIT;
    }

    /** Position in tiles. */
    public double tileY() {
        return y / (double) UNIT;
    }
}
