package org.tecoplatform.metrics.fvd;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** tools/fixtures/make_i3d_fixture.py's files, and configs pointing at them. */
final class I3dFixtures {

    private I3dFixtures() {
    }

    static Path resources() {
        return Path.of("src", "test", "resources").toAbsolutePath();
    }

    static Path modelDir() {
        return resources().resolve("i3d-tiny");
    }

    static Path npz() {
        return resources().resolve("i3d-fixture.npz");
    }

    static Settings config(Path model, Map<String, Object> extra) {
        var fvd = new LinkedHashMap<String, Object>(extra);
        fvd.put("model", model.toString());
        return ConfigSettings.of(Map.of("fvd", fvd), resources());
    }

    static Video video(int[] s, byte[] px, int n) {
        int len = s[1] * s[2] * s[3] * s[4];
        return new Video(s[1], s[2], s[3], s[4], java.util.Arrays.copyOfRange(px, n * len, (n + 1) * len));
    }
}
