package org.tecoplatform.dataset.kinetics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Configs as the pipeline builds them, and pixel access for assertions. */
final class Fixtures {

    private Fixtures() {
    }

    /** data_path, the kinetics section and any top-level keys (name, value, name, value, ...). */
    static Settings config(Path dataPath, Map<String, Object> section, Object... topLevel) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_path", dataPath.toString());
        values.put("kinetics", section);
        for (int i = 0; i < topLevel.length; i += 2) {
            values.put((String) topLevel[i], topLevel[i + 1]);
        }
        return ConfigSettings.of(values, dataPath);
    }

    static Settings config(Path dataPath, Object... topLevel) {
        return config(dataPath, Map.of(), topLevel);
    }

    /** The RGB of pixel (x, y) of frame t. */
    static int[] rgb(Video video, int t, int x, int y) {
        int at = t * video.frameBytes() + (y * video.width() + x) * 3;
        byte[] p = video.pixels();
        return new int[] {p[at] & 0xFF, p[at + 1] & 0xFF, p[at + 2] & 0xFF};
    }

    /** The mean RGB of the n x n patch at the centre of frame t. */
    static int[] centre(Video video, int t, int n) {
        int x0 = (video.width() - n) / 2;
        int y0 = (video.height() - n) / 2;
        long[] sum = new long[3];
        for (int y = y0; y < y0 + n; y++) {
            for (int x = x0; x < x0 + n; x++) {
                int[] c = rgb(video, t, x, y);
                for (int k = 0; k < 3; k++) {
                    sum[k] += c[k];
                }
            }
        }
        return new int[] {(int) (sum[0] / (n * n)), (int) (sum[1] / (n * n)), (int) (sum[2] / (n * n))};
    }

    /** The frame number coded in frame t's centre. */
    static int codedFrame(Video video, int t) {
        int[] c = centre(video, t, 8);
        return TestVideos.decode(c[0], c[1]);
    }

    /** Largest difference of any channel. */
    static int distance(int[] a, int[] b) {
        int d = 0;
        for (int k = 0; k < 3; k++) {
            d = Math.max(d, Math.abs(a[k] - b[k]));
        }
        return d;
    }
}
