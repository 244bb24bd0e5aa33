package org.tecoplatform.metrics.fvd;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between the Gaussians fitted to two feature sets (FID/FVD):
 * {@code |μa − μb|² + tr Σa + tr Σb − 2·tr sqrt(Σa Σb)}, covariances with {@code N − 1} as
 * {@code np.cov} and tfgan's {@code frechet_classifier_distance_from_activations} compute them.
 *
 * <p>{@code tr sqrt(Σa Σb)} is computed as tfgan's {@code trace_sqrt_product} does, through symmetric
 * matrices only: {@code A = sqrt(Σa)} from a symmetric eigendecomposition, then the eigenvalues of the
 * symmetric positive semi-definite {@code A Σb A}, whose square roots sum to the trace (it is similar to
 * {@code Σa Σb}). Round-off eigenvalues below zero are clamped to 0. Unlike {@code scipy.linalg.sqrtm}
 * of the non-symmetric product this is stable for the singular covariances of fewer videos than
 * features (256 videos, 400 logits). The eigendecompositions are commons-math3's.
 */
final class FrechetDistance {

    private FrechetDistance() {
    }

    /** The distance between the feature sets {@code a[i]} and {@code b[j]} (each at least 2 rows of one width). */
    static double of(double[][] a, double[][] b) {
        Gaussian ga = Gaussian.fit(a);
        Gaussian gb = Gaussian.fit(b);
        return of(ga, gb);
    }

    static double of(Gaussian a, Gaussian b) {
        if (a.mean.length != b.mean.length) {
            throw new IllegalArgumentException("features of width " + a.mean.length + " and " + b.mean.length);
        }
        double meanTerm = 0;
        for (int i = 0; i < a.mean.length; i++) {
            double d = a.mean[i] - b.mean[i];
            meanTerm += d * d;
        }
        RealMatrix sa = new Array2DRowRealMatrix(a.cov, false);
        RealMatrix sb = new Array2DRowRealMatrix(b.cov, false);
        RealMatrix rootA = psdSqrt(sa);
        RealMatrix m = rootA.multiply(sb).multiply(rootA);
        double traceSqrt = 0;
        for (double ev : new EigenDecomposition(symmetrized(m)).getRealEigenvalues()) {
            traceSqrt += Math.sqrt(Math.max(ev, 0));
        }
        return meanTerm + sa.getTrace() + sb.getTrace() - 2 * traceSqrt;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix (negative round-off eigenvalues as 0). */
    static RealMatrix psdSqrt(RealMatrix s) {
        EigenDecomposition e = new EigenDecomposition(symmetrized(s));
        RealMatrix v = e.getV();
        double[] ev = e.getRealEigenvalues();
        int n = ev.length;
        double[][] scaled = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                scaled[i][k] = v.getEntry(i, k) * Math.sqrt(Math.max(ev[k], 0));
            }
        }
        return new Array2DRowRealMatrix(scaled, false).multiply(v.transpose());
    }

    /** (M + Mᵀ)/2: exactly symmetric, as the eigendecomposition's symmetric path requires. */
    private static RealMatrix symmetrized(RealMatrix m) {
        int n = m.getRowDimension();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = 0.5 * (m.getEntry(i, j) + m.getEntry(j, i));
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** Mean and covariance (divided by N − 1) of a feature set. */
    static final class Gaussian {
        final double[] mean;
        final double[][] cov;

        private Gaussian(double[] mean, double[][] cov) {
            this.mean = mean;
            this.cov = cov;
        }

        static Gaussian fit(double[][] x) {
            int n = x.length;
            if (n < 2) {
                throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
            }
            int d = x[0].length;
            double[] mean = new double[d];
            for (double[] row : x) {
                for (int i = 0; i < d; i++) {
                    mean[i] += row[i];
                }
            }
            for (int i = 0; i < d; i++) {
                mean[i] /= n;
            }
            double[][] cov = new double[d][d];
            double[] c = new double[d];
            for (double[] row : x) {
                for (int i = 0; i < d; i++) {
                    c[i] = row[i] - mean[i];
                }
                for (int i = 0; i < d; i++) {
                    double ci = c[i];
                    double[] ri = cov[i];
                    for (int j = i; j < d; j++) {
                        ri[j] += ci * c[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] /= (n - 1);
                    cov[j][i] = cov[i][j];
                }
            }
            return new Gaussian(mean, cov);
        }
    }
}
