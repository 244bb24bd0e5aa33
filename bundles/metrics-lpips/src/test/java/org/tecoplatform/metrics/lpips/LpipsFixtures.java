package org.tecoplatform.metrics.lpips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Where tools/fixtures/make_lpips_fixture.py put its files, and configs that point at them. */
final class LpipsFixtures {

    private LpipsFixtures() {
    }

    static Path resources() {
        Path dir = Path.of("src", "test", "resources").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("lpips-tiny"))) {
            throw new IllegalStateException("LPIPS fixtures missing at " + dir + " (tools/fixtures/make_lpips_fixture.py)");
        }
        return dir;
    }

    static Path modelDir() {
        return resources().resolve("lpips-tiny");
    }

    /** A config whose lpips section names {@code model}, with the given extra lpips options. */
    static Settings config(Path model, Map<String, Object> extra) {
        var lpips = new java.util.LinkedHashMap<String, Object>(extra);
        lpips.put("model", model.toString());
        return ConfigSettings.of(Map.of("lpips", lpips), resources());
    }

    static Settings config() {
        return config(modelDir(), Map.of());
    }

    /** Video {@code n} of an (N,T,H,W,C) uint8 array. */
    static Video video(int[] s, byte[] px, int n) {
        int len = s[1] * s[2] * s[3] * s[4];
        return new Video(s[1], s[2], s[3], s[4], java.util.Arrays.copyOfRange(px, n * len, (n + 1) * len));
    }
}
