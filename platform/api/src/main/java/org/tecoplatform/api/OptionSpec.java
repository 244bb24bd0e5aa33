package org.tecoplatform.api;

import java.util.Objects;

/**
 * One typed option of a plugin's config section.
 *
 * @param key          the key inside the plugin's section
 * @param type         the expected value type
 * @param defaultValue the value used when the config omits the key; {@code null} makes it required
 * @param help         one line saying what it does
 */
public record OptionSpec(String key, OptionType type, Object defaultValue, String help) {

    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        if (defaultValue != null && !type.accepts(defaultValue)) {
            throw new IllegalArgumentException("default of option '" + key + "' is not " + type.withArticle() + ": " + defaultValue);
        }
    }

    public boolean required() {
        return defaultValue == null;
    }

    public static OptionSpec of(String key, OptionType type, Object defaultValue, String help) {
        return new OptionSpec(key, type, defaultValue, help);
    }
}
