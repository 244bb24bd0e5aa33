package org.tecoplatform.dataset.maze;

/**
 * Wolfenstein-style first-person renderer for one square frame size: per screen column a DDA
 * walk through the tile map finds the first wall, whose texture column is drawn scaled by
 * distance; the floor and ceiling below and above it are cast per pixel from the same ray, so
 * they slide under the walker when it moves. Everything is darkened with distance.
 *
 * <p>Per-size tables are built once; {@link #render} allocates nothing and keeps no state, so
 * one instance may serve many threads. The camera sits half a tile high, with a horizontal
 * field of view of {@code 2·atan(PLANE)} ≈ 74° and square pixels.
 */
public final class Raycaster {

    /** Half-width of the camera plane at distance 1: the tangent of half the field of view. */
    static final double PLANE = 0.75;
    /** y-side walls are drawn darker so that corners read as corners. */
    private static final int SIDE_SHADE = 190;
    private static final double FOG_LINEAR = 0.04;
    private static final double FOG_QUAD = 0.045;
    /** Floor and ceiling textures repeat twice per tile. */
    private static final double FLAT_SCALE = 2.0 * WallTextures.SIZE;

    private final int size;
    /** Pixels spanned by a unit height at unit distance. */
    private final double focal;
    private final double[] cameraX;
    /** Distance to the floor (lower rows) or ceiling (upper rows) seen through each row's centre. */
    private final double[] rowDist;
    private final int[] rowShade;

    public Raycaster(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + size);
        }
        this.size = size;
        this.focal = size / (2 * PLANE);
        this.cameraX = new double[size];
        this.rowDist = new double[size];
        this.rowShade = new int[size];
        double half = size / 2.0;
        for (int i = 0; i < size; i++) {
            cameraX[i] = 2 * (i + 0.5) / size - 1;
            double p = Math.abs(i + 0.5 - half);
            rowDist[i] = 0.5 * focal / p;
            rowShade[i] = shade(rowDist[i]);
        }
    }

    public int size() {
        return size;
    }

    /** Bytes of one RGB frame. */
    public int frameBytes() {
        return size * size * 3;
    }

    /** Light left after travelling distance d, in 1/256ths. */
    static int shade(double d) {
        return (int) (256 / (1 + FOG_LINEAR * d + FOG_QUAD * d * d));
    }

    /**
     * Draws the view from {@code pose} into {@code out} as RGB bytes, row-major, starting at
     * {@code offset}. The pose must be inside the map.
     */
    public void render(MazeGrid grid, Pose pose, byte[] out, int offset) {
        int side = grid.side();
        if (pose.x() < 0 || pose.y() < 0 || pose.x() >= side * Pose.UNIT || pose.y() >= side * Pose.UNIT) {
            throw new IllegalArgumentException("pose " + pose + " is outside the " + side + "x" + side + " map");
        }
        if (offset < 0 || offset > out.length - frameBytes()) {
            throw new IndexOutOfBoundsException("a " + size + "x" + size + " frame at " + offset + " does not fit " + out.length + " bytes");
        }
        byte[] tiles = grid.tilesUnsafe();
        int[] wallTex = WallTextures.WALL_TEXELS;
        int[] floorTex = WallTextures.FLOOR;
        int[] ceilTex = WallTextures.CEILING;
        double px = pose.tileX();
        double py = pose.tileY();
        double dx = pose.dirX();
        double dy = pose.dirY();
        // Screen right is the view direction turned a quarter clockwise (y grows downwards).
        double planeX = -dy * PLANE;
        double planeY = dx * PLANE;
        double half = size / 2.0;
        int stride = size * 3;
        int texSize = WallTextures.SIZE;
        int mask = WallTextures.MASK;
        int shift = WallTextures.SHIFT;

        for (int col = 0; col < size; col++) {
            double rdx = dx + planeX * cameraX[col];
            double rdy = dy + planeY * cameraX[col];
            int mapX = (int) px;
            int mapY = (int) py;
            double deltaX = rdx == 0 ? Double.MAX_VALUE : Math.abs(1 / rdx);
            double deltaY = rdy == 0 ? Double.MAX_VALUE : Math.abs(1 / rdy);
            int stepX;
            int stepY;
            double sideX;
            double sideY;
            if (rdx < 0) {
                stepX = -1;
                sideX = (px - mapX) * deltaX;
            } else {
                stepX = 1;
                sideX = (mapX + 1 - px) * deltaX;
            }
            if (rdy < 0) {
                stepY = -1;
                sideY = (py - mapY) * deltaY;
            } else {
                stepY = 1;
                sideY = (mapY + 1 - py) * deltaY;
            }
            // DDA: visit the tiles the ray crosses in order; the wall border guarantees a hit.
            boolean ySide;
            do {
                if (sideX < sideY) {
                    sideX += deltaX;
                    mapX += stepX;
                    ySide = false;
                } else {
                    sideY += deltaY;
                    mapY += stepY;
                    ySide = true;
                }
            } while (tiles[mapY * side + mapX] == 0);
            double perp = ySide ? sideY - deltaY : sideX - deltaX;
            if (perp < 1e-6) {
                perp = 1e-6;
            }
            double wallX = ySide ? px + perp * rdx : py + perp * rdy;
            wallX -= Math.floor(wallX);
            int u = (int) (wallX * texSize);
            // Keep every face's texture the right way round as seen from the walker.
            if ((!ySide && rdx < 0) || (ySide && rdy > 0)) {
                u = mask - u;
            }
            int texBase = ((tiles[mapY * side + mapX] & 0xFF) - 1) << (2 * shift) | (u & mask) << shift;

            double lineH = focal / perp;
            double top = half - lineH / 2;
            int yStart = (int) Math.max(0, Math.ceil(top - 0.5));
            int yEnd = (int) Math.min(size, Math.ceil(top + lineH - 0.5));
            int s = shade(perp);
            if (ySide) {
                s = s * SIDE_SHADE >> 8;
            }
            // Texture row in 16.16 fixed point, stepped once per screen row.
            double vStep = texSize / lineH;
            long v = (long) (((yStart + 0.5 - top) * vStep) * 65536);
            long vInc = (long) (vStep * 65536);
            int o = offset + yStart * stride + col * 3;
            for (int y = yStart; y < yEnd; y++) {
                int c = wallTex[texBase | ((int) (v >> 16) & mask)];
                out[o] = (byte) (((c >>> 16) & 0xFF) * s >> 8);
                out[o + 1] = (byte) (((c >>> 8) & 0xFF) * s >> 8);
                out[o + 2] = (byte) ((c & 0xFF) * s >> 8);
                v += vInc;
                o += stride;
            }

            // Floor below the wall, ceiling above it: the world point this row sees along the ray.
            o = offset + yEnd * stride + col * 3;
            for (int y = yEnd; y < size; y++) {
                double d = rowDist[y];
                int fu = (int) ((px + rdx * d) * FLAT_SCALE) & mask;
                int fv = (int) ((py + rdy * d) * FLAT_SCALE) & mask;
                int c = floorTex[fu << shift | fv];
                int fs = rowShade[y];
                out[o] = (byte) (((c >>> 16) & 0xFF) * fs >> 8);
                out[o + 1] = (byte) (((c >>> 8) & 0xFF) * fs >> 8);
                out[o + 2] = (byte) ((c & 0xFF) * fs >> 8);
                o += stride;
            }
            o = offset + col * 3;
            for (int y = 0; y < yStart; y++) {
                double d = rowDist[y];
                int fu = (int) ((px + rdx * d) * FLAT_SCALE) & mask;
                int fv = (int) ((py + rdy * d) * FLAT_SCALE) & mask;
                int c = ceilTex[fu << shift | fv];
                int fs = rowShade[y];
                out[o] = (byte) (((c >>> 16) & 0xFF) * fs >> 8);
                out[o + 1] = (byte) (((c >>> 8) & 0xFF) * fs >> 8);
                out[o + 2] = (byte) ((c & 0xFF) * fs >> 8);
                o += stride;
            }
        }
    }
}
