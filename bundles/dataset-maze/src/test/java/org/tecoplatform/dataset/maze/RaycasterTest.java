package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RaycasterTest {

    private static final int SIZE = 64;

    /** A 5x5 map whose 3x3 inner room is walled with one texture. */
    static MazeGrid room(int texture) {
        byte[] tiles = new byte[25];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                boolean border = x == 0 || y == 0 || x == 4 || y == 4;
                tiles[y * 5 + x] = (byte) (border ? texture + 1 : 0);
            }
        }
        return MazeGrid.of(5, tiles);
    }

    static byte[] render(MazeGrid g, Pose p) {
        Raycaster r = new Raycaster(SIZE);
        byte[] out = new byte[r.frameBytes()];
        r.render(g, p, out, 0);
        return out;
    }

    @Test
    void texturesAreClearlyDifferentFromEachOther() {
        int n = WallTextures.SIZE;
        for (int a = 0; a < WallTextures.COUNT; a++) {
            for (int b = a + 1; b < WallTextures.COUNT; b++) {
                long diff = 0;
                for (int u = 0; u < n; u++) {
                    for (int v = 0; v < n; v++) {
                        diff += rgbDistance(WallTextures.texel(a, u, v), WallTextures.texel(b, u, v));
                    }
                }
                // Mean per-channel difference of at least 8 grey levels (noise alone is about 4).
                assertThat(diff / (3.0 * n * n)).as("textures %d and %d", a, b).isGreaterThan(8);
            }
        }
    }

    @Test
    void differentWallTexturesRenderDifferentViews() {
        Pose p = Pose.atTile(2, 2, 0);
        byte[] red = render(room(WallTextures.wallId(0, 0)), p);
        byte[] blue = render(room(WallTextures.wallId(2, 0)), p);
        byte[] redStripes = render(room(WallTextures.wallId(0, 3)), p);
        byte[] poster = render(room(WallTextures.WALLS), p);
        // Compared over the rows around the horizon: the wall 1.5 tiles ahead spans only the middle
        // of the frame, and floor and ceiling are alike.
        assertThat(mismatch(red, blue, SIZE / 8)).isGreaterThan(0.9);
        assertThat(mismatch(red, redStripes, SIZE / 8)).isGreaterThan(0.3);
        assertThat(mismatch(red, poster, SIZE / 8)).isGreaterThan(0.9);
    }

    @Test
    void theSamePoseRendersTheSameBytes() {
        MazeGrid g = MazeGenerator.generate(7, 0.15, 11);
        Pose p = RandomWalkAgent.spawn(g, 11);
        byte[] a = render(g, p);
        byte[] b = render(g, new Pose(p.x(), p.y(), p.heading()));
        assertThat(a).isEqualTo(b);
        byte[] turned = render(g, new Pose(p.x(), p.y(), (p.heading() + 1) % Pose.HEADINGS));
        assertThat(turned).isNotEqualTo(a);
    }

    @Test
    void facesAreTexturedTheSameWayRoundFromEverySide() {
        // The room looks the same from its centre facing east or west (and north or south) once
        // the floor and ceiling, which are fixed to the world, are left out: mirrored wall
        // textures would not.
        MazeGrid g = room(WallTextures.wallId(4, 3));
        int rows = SIZE / 8;
        assertThat(mismatch(render(g, Pose.atTile(2, 2, 0)), render(g, Pose.atTile(2, 2, 12)), rows)).isLessThan(0.02);
        assertThat(mismatch(render(g, Pose.atTile(2, 2, 6)), render(g, Pose.atTile(2, 2, 18)), rows)).isLessThan(0.02);
        // Control: a mirrored view does not pass that check.
        byte[] east = render(g, Pose.atTile(2, 2, 0));
        assertThat(mismatch(east, mirror(east), rows)).isGreaterThan(0.2);
    }

    @Test
    void texturesAreNotMirrored() {
        // Stripes texture: bands run along u + v = const, so with u growing to the right (and v
        // downwards) they rise to the right, "/", on screen; a mirrored wall would show "\\".
        MazeGrid g = room(WallTextures.wallId(0, 3));
        for (int heading = 0; heading < Pose.HEADINGS; heading += Pose.HEADINGS / 4) {
            byte[] f = render(g, Pose.atTile(2, 2, heading));
            long rising = 0;
            long falling = 0;
            for (int y = SIZE / 2 - SIZE / 8; y < SIZE / 2 + SIZE / 8; y++) {
                for (int x = 0; x < SIZE - 1; x++) {
                    rising += Math.abs((f[(y * SIZE + x) * 3] & 255) - (f[((y - 1) * SIZE + x + 1) * 3] & 255));
                    falling += Math.abs((f[(y * SIZE + x) * 3] & 255) - (f[((y + 1) * SIZE + x + 1) * 3] & 255));
                }
            }
            assertThat(rising * 2).as("heading %d", heading).isLessThan(falling);
        }
    }

    @Test
    void fartherWallsAreDarker() {
        MazeGrid g = room(WallTextures.wallId(7, 2));
        // Facing east from x = 1.2 and from x = 3.2: the wall at x = 4 is 2.8 and 0.8 tiles away.
        byte[] far = render(g, new Pose(Pose.UNIT * 12 / 10, Pose.UNIT * 5 / 2, 0));
        byte[] near = render(g, new Pose(Pose.UNIT * 32 / 10, Pose.UNIT * 5 / 2, 0));
        assertThat(rowBrightness(near, SIZE / 2)).isGreaterThan(rowBrightness(far, SIZE / 2) * 1.2);
        assertThat(Raycaster.shade(0)).isEqualTo(256);
        assertThat(Raycaster.shade(5)).isLessThan(Raycaster.shade(2));
    }

    @Test
    void wallsAreTallerNearbyAndFloorAndCeilingFillTheRest() {
        MazeGrid g = room(WallTextures.wallId(1, 0));
        byte[] far = render(g, new Pose(Pose.UNIT * 3 / 2, Pose.UNIT * 5 / 2, 0));
        byte[] near = render(g, new Pose(Pose.UNIT * 32 / 10, Pose.UNIT * 5 / 2, 0));
        // A green wall has more green than red; the brown floor and blue-grey ceiling do not.
        assertThat(greenRows(near, SIZE / 2)).isGreaterThan(greenRows(far, SIZE / 2));
        assertThat(isGreenish(far, 0, SIZE / 2)).isFalse();
        assertThat(isGreenish(far, SIZE - 1, SIZE / 2)).isFalse();
        assertThat(isGreenish(far, SIZE / 2, SIZE / 2)).isTrue();
    }

    @Test
    void anySquareSizeRendersAndTheOffsetIsHonoured() {
        MazeGrid g = MazeGenerator.generate(5, 0.1, 2);
        Pose p = RandomWalkAgent.spawn(g, 2);
        for (int size : new int[] {16, 17, 33, 128}) {
            Raycaster r = new Raycaster(size);
            byte[] one = new byte[r.frameBytes()];
            r.render(g, p, one, 0);
            byte[] two = new byte[2 * r.frameBytes()];
            r.render(g, p, two, r.frameBytes());
            assertThat(Arrays.copyOfRange(two, r.frameBytes(), two.length)).isEqualTo(one);
            assertThat(Arrays.copyOfRange(two, 0, r.frameBytes())).containsOnly((byte) 0);
        }
    }

    @Test
    void rejectsPosesOutsideTheMapAndBuffersTooSmall() {
        MazeGrid g = room(0);
        Raycaster r = new Raycaster(SIZE);
        assertThatThrownBy(() -> r.render(g, new Pose(-1, 100, 0), new byte[r.frameBytes()], 0)).hasMessageContaining("outside");
        assertThatThrownBy(() -> r.render(g, Pose.atTile(2, 2, 0), new byte[r.frameBytes()], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int rgbDistance(int a, int b) {
        return Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255)) + Math.abs((a & 255) - (b & 255));
    }

    /**
     * Fraction of pixels in the rows around the horizon that differ by more than 8 in some
     * channel from the pixel at the same place in {@code b} and from both its horizontal
     * neighbours there (rounding may shift a texel boundary by one column).
     */
    private static double mismatch(byte[] a, byte[] b, int halfRows) {
        int n = 0;
        int bad = 0;
        for (int y = SIZE / 2 - halfRows; y < SIZE / 2 + halfRows; y++) {
            for (int x = 0; x < SIZE; x++) {
                n++;
                boolean near = false;
                for (int bx = Math.max(0, x - 1); bx <= Math.min(SIZE - 1, x + 1) && !near; bx++) {
                    near = close(a, (y * SIZE + x) * 3, b, (y * SIZE + bx) * 3);
                }
                bad += near ? 0 : 1;
            }
        }
        return bad / (double) n;
    }

    private static boolean close(byte[] a, int i, byte[] b, int j) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs((a[i + c] & 255) - (b[j + c] & 255)) > 8) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mirror(byte[] f) {
        byte[] m = new byte[f.length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                System.arraycopy(f, (y * SIZE + x) * 3, m, (y * SIZE + SIZE - 1 - x) * 3, 3);
            }
        }
        return m;
    }

    private static double rowBrightness(byte[] f, int y) {
        long s = 0;
        for (int i = y * SIZE * 3; i < (y + 1) * SIZE * 3; i++) {
            s += f[i] & 255;
        }
        return s / (3.0 * SIZE);
    }

    private static boolean isGreenish(byte[] f, int y, int x) {
        int o = (y * SIZE + x) * 3;
        return (f[o + 1] & 255) > (f[o] & 255) + 10 && (f[o + 1] & 255) > (f[o + 2] & 255) + 10;
    }

    private static int greenRows(byte[] f, int x) {
        int n = 0;
        for (int y = 0; y < SIZE; y++) {
            n += isGreenish(f, y, x) ? 1 : 0;
        }
        return n;
    }
}
