package org.tecoplatform.metrics.image;

/**
 * The SSIM filter of the original {@code _fspecial_gauss}: a size×size softmax over
 * {@code -0.5·(x² + y²)/σ²} at centred coordinates. A softmax of a sum over the two axes is the
 * outer product of two 1-D softmaxes, so the window is applied as two 1-D passes with these taps.
 */
final class GaussianWindow {

    private GaussianWindow() {
    }

    /** The 1-D taps: {@code exp(-0.5·(i − (size−1)/2)²/σ²)}, normalised to sum 1. */
    static double[] taps(int size, double sigma) {
        double[] g = new double[size];
        double centre = (size - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double c = i - centre;
            g[i] = Math.exp(-0.5 * c * c / (sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
