package org.tecoplatform.pipeline.config;

import java.util.List;
import java.util.Map;
import org.tecoplatform.api.BadInputException;

/** Applies {@code --set key=value} overrides (dotted keys, YAML values) to a raw config. */
public final class Overrides {

    private Overrides() {
    }

    /** A copy of {@code raw} with every override applied in order. */
    public static RawConfig apply(RawConfig raw, List<String> overrides) {
        Map<String, Object> values = ConfigMaps.deepCopy(raw.values());
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set expects key=value (for example --set batch_size=8), got '" + o + "'");
            }
            String key = o.substring(0, eq).trim();
            if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                throw new BadInputException("--set " + o + ": '" + key + "' is not a dotted key");
            }
            ConfigMaps.put(values, key, ConfigLoader.parseValue(o.substring(eq + 1)));
        }
        return new RawConfig(raw.file(), values, raw.lines());
    }
}
