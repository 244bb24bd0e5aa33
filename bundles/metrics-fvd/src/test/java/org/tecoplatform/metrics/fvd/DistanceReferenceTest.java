package org.tecoplatform.metrics.fvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/**
 * Acceptance check 2: the Fréchet distance and KVD equal numpy/scipy's on the fixed feature sets of
 * tools/fixtures/make_frechet_fixture.py (1e-6 relative), identical sets are 0 apart, and the bootstrap
 * interval is the same for a seed.
 */
class DistanceReferenceTest {

    static final Path FIXTURE = Path.of("src", "test", "resources", "frechet-fixture.npz");

    static double[][] rows(NpyArray a) {
        int[] s = a.shape();
        double[] flat = a.toDoubles();
        double[][] out = new double[s[0]][s[1]];
        for (int i = 0; i < s[0]; i++) {
            System.arraycopy(flat, i * s[1], out[i], 0, s[1]);
        }
        return out;
    }

    @Test
    void frechetAndKvdMatchScipyAndNumpy() throws Exception {
        try (NpzReader npz = NpzReader.open(FIXTURE)) {
            for (String c : List.of("full", "same", "shifted", "wide")) {
                double[][] a = rows(npz.read(c + "_a"));
                double[][] b = rows(npz.read(c + "_b"));
                double fd = FrechetDistance.of(a, b);
                double eigh = npz.read(c + "_fd_eigh").toDoubles()[0];
                double sqrtm = npz.read(c + "_fd_sqrtm").toDoubles()[0];
                double kvd = npz.read(c + "_kvd").toDoubles()[0];
                System.out.printf("%s: FD java %.12g, numpy eigh %.12g, scipy sqrtm %.12g; KVD java %.12g numpy %.12g%n", c,
                        fd, eigh, sqrtm, KernelDistance.of(a, b), kvd);
                if (c.equals("same")) {
                    assertThat(fd).isCloseTo(0, within(1e-6));
                } else {
                    assertThat(fd).as(c + " vs numpy's eigh route").isCloseTo(eigh, within(1e-6 * Math.abs(eigh)));
                    assertThat(fd).as(c + " vs scipy's sqrtm route").isCloseTo(sqrtm, within(1e-6 * Math.abs(sqrtm)));
                }
                assertThat(KernelDistance.of(a, b)).as(c + " KVD").isCloseTo(kvd, within(1e-6 * Math.abs(kvd)));
            }
        }
    }

    @Test
    void shiftedSetsAreTheSquaredShiftApart() throws Exception {
        try (NpzReader npz = NpzReader.open(FIXTURE)) {
            double[][] a = rows(npz.read("full_a"));
            assertThat(FrechetDistance.of(a, a)).isCloseTo(0, within(1e-6));
            double[][] b = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                b[i] = a[i].clone();
                b[i][3] += 2;
            }
            assertThat(FrechetDistance.of(a, b)).isCloseTo(4, within(1e-6));
        }
    }

    @Test
    void chunksFollowTheOriginalAndFoldASingleVideo() {
        assertThat(SetStatistics.chunks(600, 256)).containsExactly(new int[] {0, 256}, new int[] {256, 512}, new int[] {512, 600});
        assertThat(SetStatistics.chunks(513, 256)).containsExactly(new int[] {0, 256}, new int[] {256, 513});
        assertThat(SetStatistics.chunks(10, 256)).containsExactly(new int[] {0, 10});
        assertThat(SetStatistics.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
        assertThat(SetStatistics.percentile(new double[] {1, 2, 3, 4, 5}, 2.5)).isCloseTo(1.1, within(1e-12));
    }

    @Test
    void chunkMeanStdAndASeededInterval() throws Exception {
        try (NpzReader npz = NpzReader.open(FIXTURE)) {
            double[][] a = rows(npz.read("full_a"));
            double[][] b = rows(npz.read("full_b"));
            SetScore s = SetStatistics.score("fvd", FrechetDistance::of, a, b, 32, 50, 7, 0.95);
            double c0 = FrechetDistance.of(java.util.Arrays.copyOfRange(a, 0, 32), java.util.Arrays.copyOfRange(b, 0, 32));
            double c1 = FrechetDistance.of(java.util.Arrays.copyOfRange(a, 32, 64), java.util.Arrays.copyOfRange(b, 32, 64));
            assertThat(s.chunks()).isEqualTo(2);
            assertThat(s.value()).isCloseTo((c0 + c1) / 2, within(1e-9));
            assertThat(s.std()).isCloseTo(Math.abs(c0 - c1) / 2, within(1e-9));
            assertThat(s.ciLow()).isLessThan(s.ciHigh());
            SetScore again = SetStatistics.score("fvd", FrechetDistance::of, a, b, 32, 50, 7, 0.95);
            assertThat(again).isEqualTo(s);
            SetScore other = SetStatistics.score("fvd", FrechetDistance::of, a, b, 32, 50, 8, 0.95);
            assertThat(other.ciLow()).isNotEqualTo(s.ciLow());
            SetScore none = SetStatistics.score("kvd", KernelDistance::of, a, b, 64, 0, 7, 0.95);
            assertThat(none.ciLow()).isNaN();
            assertThat(none.value()).isCloseTo(npz.read("full_kvd").toDoubles()[0], within(1e-9));
        }
    }
}
