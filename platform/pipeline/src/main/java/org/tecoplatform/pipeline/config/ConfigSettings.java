package org.tecoplatform.pipeline.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;

/**
 * {@link Settings} over the nested maps YAML gives. Relative paths resolve against
 * {@code baseDir} (the config file's folder). Errors name the full dotted key.
 */
public final class ConfigSettings implements Settings {

    private final Map<String, Object> values;
    private final Path baseDir;
    private final String prefix;

    private ConfigSettings(Map<String, Object> values, Path baseDir, String prefix) {
        this.values = values;
        this.baseDir = baseDir;
        this.prefix = prefix;
    }

    /** Settings over {@code values} (nested maps for sections); paths resolve against {@code baseDir}. */
    public static ConfigSettings of(Map<String, Object> values, Path baseDir) {
        return new ConfigSettings(Collections.unmodifiableMap(new LinkedHashMap<>(values)), baseDir, "");
    }

    /** The underlying nested map (read-only). */
    public Map<String, Object> asMap() {
        return values;
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public boolean has(String key) {
        return get(key) != null;
    }

    @Override
    public Object get(String key) {
        return ConfigMaps.lookup(values, key);
    }

    @Override
    public String getString(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw wrongType(key, OptionType.STRING, v);
    }

    @Override
    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadInputException("config key '" + full(key) + "': " + v + " does not fit an integer");
        }
        return (int) v;
    }

    @Override
    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw wrongType(key, OptionType.INTEGER, v);
    }

    @Override
    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, OptionType.NUMBER, v);
    }

    @Override
    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, OptionType.BOOLEAN, v);
    }

    @Override
    public Path getPath(String key) {
        Object v = require(key);
        if (!(v instanceof String s)) {
            throw wrongType(key, OptionType.PATH, v);
        }
        return resolve(s);
    }

    /** Resolves a path string the way {@link #getPath} does (~ expands to the home folder). */
    public Path resolve(String path) {
        String expanded = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        Path p = Path.of(expanded);
        return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).normalize();
    }

    @Override
    public List<Integer> getIntList(String key) {
        Object v = require(key);
        if (!OptionType.INTEGER_LIST.accepts(v)) {
            throw wrongType(key, OptionType.INTEGER_LIST, v);
        }
        return ((List<?>) v).stream().map(o -> ((Number) o).intValue()).toList();
    }

    @Override
    public List<String> getStringList(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!OptionType.STRING_LIST.accepts(v)) {
            throw wrongType(key, OptionType.STRING_LIST, v);
        }
        return ((List<?>) v).stream().map(String.class::cast).toList();
    }

    @Override
    public ConfigSettings section(String key) {
        Object v = get(key);
        if (v == null) {
            return new ConfigSettings(Map.of(), baseDir, full(key));
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrongType(key, OptionType.SECTION, v);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) m;
        return new ConfigSettings(Collections.unmodifiableMap(section), baseDir, full(key));
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
    }

    private Object require(String key) {
        Object v = get(key);
        if (v == null) {
            throw new BadInputException("config key '" + full(key) + "' is missing");
        }
        return v;
    }

    private String full(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private BadInputException wrongType(String key, OptionType expected, Object actual) {
        return new BadInputException("config key '" + full(key) + "' must be " + expected.withArticle() + ", found "
                + ConfigMaps.describe(actual));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSettings c && values.equals(c.values) && Objects.equals(baseDir, c.baseDir)
                && prefix.equals(c.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, baseDir, prefix);
    }

    @Override
    public String toString() {
        return "ConfigSettings" + (prefix.isEmpty() ? "" : "[" + prefix + "]") + values;
    }
}
