package org.tecoplatform.metrics.image;

/**
 * SSIM of one frame pair, with buffers reused from frame to frame. The window is separable, so
 * each of the four filtered maps (x, y, x·y, x² + y²) takes a horizontal then a vertical pass of
 * {@code taps.length} taps instead of a full 2-D window: 22 instead of 121 multiply-adds a value.
 */
final class SsimFrame {

    private final int height;
    private final int width;
    private final int channels;
    private final double[] taps;
    private final double c1;
    private final double c2;
    private final int outH;
    private final int outW;
    /** The four inputs of one channel (H×W) and their horizontally filtered rows (H×outW). */
    private final double[][] in = new double[4][];
    private final double[][] rows = new double[4][];
    /** One output row of the four fully filtered maps (outW each). */
    private final double[][] column = new double[4][];

    SsimFrame(int height, int width, int channels, double[] taps, double k1, double k2, double maxVal) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.taps = taps.clone();
        this.c1 = (k1 * maxVal) * (k1 * maxVal);
        this.c2 = (k2 * maxVal) * (k2 * maxVal);
        this.outH = height - taps.length + 1;
        this.outW = width - taps.length + 1;
        for (int m = 0; m < 4; m++) {
            in[m] = new double[height * width];
            rows[m] = new double[height * outW];
            column[m] = new double[outW];
        }
    }

    /** The frame's SSIM: the mean over channels of each channel's mean of luminance·cs. */
    double ssim(byte[] real, byte[] fake, int offset) {
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            sum += channel(real, fake, offset, c);
        }
        return sum / channels;
    }

    private double channel(byte[] real, byte[] fake, int offset, int c) {
        double[] x = in[0];
        double[] y = in[1];
        double[] xy = in[2];
        double[] sq = in[3];
        for (int p = 0, i = offset + c; p < height * width; p++, i += channels) {
            double a = (real[i] & 0xFF) / 255.0;
            double b = (fake[i] & 0xFF) / 255.0;
            x[p] = a;
            y[p] = b;
            xy[p] = a * b;
            sq[p] = a * a + b * b;
        }
        int k = taps.length;
        for (int m = 0; m < 4; m++) {
            double[] src = in[m];
            double[] dst = rows[m];
            for (int r = 0; r < height; r++) {
                int s = r * width;
                int d = r * outW;
                for (int j = 0; j < outW; j++) {
                    double acc = 0;
                    for (int t = 0; t < k; t++) {
                        acc += taps[t] * src[s + j + t];
                    }
                    dst[d + j] = acc;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < outH; i++) {
            // Vertical pass for one output row, tap by tap over contiguous rows (cache-friendly).
            for (int m = 0; m < 4; m++) {
                double[] src = rows[m];
                double[] dst = column[m];
                java.util.Arrays.fill(dst, 0.0);
                for (int t = 0; t < k; t++) {
                    double w = taps[t];
                    int s = (i + t) * outW;
                    for (int j = 0; j < outW; j++) {
                        dst[j] += w * src[s + j];
                    }
                }
            }
            for (int j = 0; j < outW; j++) {
                double mx = column[0][j];
                double my = column[1][j];
                // The original's order of operations: num0, den0, then cs from the filtered x·y and x² + y².
                double num0 = mx * my * 2.0;
                double den0 = mx * mx + my * my;
                double luminance = (num0 + c1) / (den0 + c1);
                double num1 = column[2][j] * 2.0;
                double den1 = column[3][j];
                double cs = (num1 - num0 + c2) / (den1 - den0 + c2);
                total += luminance * cs;
            }
        }
        return total / ((double) outH * outW);
    }
}
