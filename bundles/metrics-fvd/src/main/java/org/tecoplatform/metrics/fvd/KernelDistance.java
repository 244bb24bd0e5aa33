package org.tecoplatform.metrics.fvd;

/**
 * KVD: the kernel distance between two feature sets (KID for videos), the unbiased estimate of the
 * squared maximum mean discrepancy with the polynomial kernel {@code k(x, y) = (x·y / D + 1)³}, as
 * tfgan's {@code kernel_classifier_distance_from_activations} computes it on one block:
 * {@code (Σk(a,a') − tr)/(m(m−1)) + (Σk(b,b') − tr)/(n(n−1)) − 2·mean k(a,b)}. Being unbiased it can be
 * negative, and is not 0 for two identical sets.
 */
final class KernelDistance {

    private KernelDistance() {
    }

    static double of(double[][] a, double[][] b) {
        int m = a.length;
        int n = b.length;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("KVD needs at least 2 feature vectors per set, got " + m + " and " + n);
        }
        int d = a[0].length;
        double aa = offDiagonalSum(a, d);
        double bb = offDiagonalSum(b, d);
        double ab = 0;
        for (double[] x : a) {
            for (double[] y : b) {
                ab += kernel(x, y, d);
            }
        }
        return aa / ((double) m * (m - 1)) + bb / ((double) n * (n - 1)) - 2 * ab / ((double) m * n);
    }

    private static double offDiagonalSum(double[][] x, int d) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                s += 2 * kernel(x[i], x[j], d);
            }
        }
        return s;
    }

    private static double kernel(double[] x, double[] y, int d) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += x[i] * y[i];
        }
        double k = dot / d + 1;
        return k * k * k;
    }
}
