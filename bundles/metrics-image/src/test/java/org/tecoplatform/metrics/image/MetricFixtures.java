package org.tecoplatform.metrics.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/** The cases tools/fixtures/make_metric_fixtures.py wrote, with numpy/scipy's expected scores. */
final class MetricFixtures {

    /** One video pair of a case and its expected per-frame scores on frames [ctx, T). */
    record Pair(String name, Video real, Video fake, int contextFrames, double[] psnr, double[] ssim) {
    }

    static final List<String> CASES = List.of("random16", "structured32", "small11x13");

    private MetricFixtures() {
    }

    static Path dir() {
        Path dir = Path.of("src", "test", "resources", "metric-fixtures").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("metric fixtures missing at " + dir);
        }
        return dir;
    }

    static List<Pair> pairs() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (NpzReader npz = NpzReader.open(dir().resolve("cases.npz"))) {
            for (String c : CASES) {
                NpyArray real = npz.read(c + "_real");
                byte[] realPx = real.toUint8();
                byte[] fakePx = npz.read(c + "_fake").toUint8();
                int ctx = npz.read(c + "_ctx").toInts()[0];
                double[] psnr = npz.read(c + "_psnr").toDoubles();
                double[] ssim = npz.read(c + "_ssim").toDoubles();
                int[] s = real.shape();
                int videoBytes = s[1] * s[2] * s[3] * s[4];
                int scored = s[1] - ctx;
                for (int n = 0; n < s[0]; n++) {
                    out.add(new Pair(c + "[" + n + "]", video(s, realPx, n * videoBytes), video(s, fakePx, n * videoBytes), ctx,
                            java.util.Arrays.copyOfRange(psnr, n * scored, (n + 1) * scored),
                            java.util.Arrays.copyOfRange(ssim, n * scored, (n + 1) * scored)));
                }
            }
        }
        return out;
    }

    private static Video video(int[] s, byte[] px, int from) {
        int n = s[1] * s[2] * s[3] * s[4];
        return new Video(s[1], s[2], s[3], s[4], java.util.Arrays.copyOfRange(px, from, from + n));
    }
}
