package org.tecoplatform.prior.autoregressive;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Tiny configurations for the tests: a 2×3 grid of 5 codes with 3 conditioning channels. */
final class TinyAr {

    static final PriorShape SHAPE = new PriorShape(2, 3, 5, 3);

    private TinyAr() {
    }

    /** The {@code autoregressive:} section at tiny sizes; {@code overrides} are key, value pairs inside it. */
    static Settings config(Object... overrides) {
        Map<String, Object> own = new HashMap<>(Map.of("vocab_dim", 4, "embed_dim", 8, "mlp_dim", 16, "num_heads", 2, "num_layers", 2));
        for (int i = 0; i < overrides.length; i += 2) {
            own.put((String) overrides[i], overrides[i + 1]);
        }
        return ConfigSettings.of(Map.of(AutoregressiveConfig.SECTION, own), Path.of("."));
    }

    static AutoregressiveNetwork network(Object... overrides) {
        return (AutoregressiveNetwork) new AutoregressivePrior().create(SHAPE, config(overrides));
    }
}
