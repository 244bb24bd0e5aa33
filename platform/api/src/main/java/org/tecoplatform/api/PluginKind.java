package org.tecoplatform.api;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of plugin the platform composes, each with its SPI and its key in a config's {@code pipeline:} block. */
public enum PluginKind {
    DATASET("dataset", DatasetReader.class),
    TOKENIZER("tokenizer", Tokenizer.class),
    PRIOR("prior", Prior.class),
    METRIC("metrics", Metric.class),
    STAGE("stages", Stage.class);

    /** The service property that names a plugin; a config refers to plugins by this name. */
    public static final String NAME_PROPERTY = "teco.name";

    private final String configKey;
    private final Class<?> spi;

    PluginKind(String configKey, Class<?> spi) {
        this.configKey = configKey;
        this.spi = spi;
    }

    /** Key under {@code pipeline:} that names the plugin(s) of this kind. */
    public String configKey() {
        return configKey;
    }

    /** The service interface a plugin of this kind implements. */
    public Class<?> spi() {
        return spi;
    }

    /** Lower-case label used in messages and listings ("dataset", "metric", ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<PluginKind> ofSpi(String interfaceName) {
        return Arrays.stream(values()).filter(k -> k.spi.getName().equals(interfaceName)).findFirst();
    }
}
