package org.tecoplatform.pipeline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import org.tecoplatform.pipeline.plugins.PluginInfo;

/**
 * Checks a config against the known keys and the installed plugins and resolves it:
 * unknown keys (with the closest known key), wrong types, missing files, plugin names that no
 * bundle provides (with the installed names), and plugin options completed with defaults.
 * Every problem is reported at once.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    public static ResolvedConfig resolve(RawConfig raw, PluginCatalog catalog) {
        ConfigProblems problems = new ConfigProblems(raw);
        Map<String, Object> values = ConfigMaps.deepCopy(raw.values());
        ConfigSchema schema = schemaFor(catalog);
        ConfigSettings paths = ConfigSettings.of(Map.of(), raw.baseDir());
        checkSection(values, "", schema, problems, paths);
        checkPluginNames(values, catalog, problems);
        fillPluginDefaults(values, catalog, problems);
        problems.throwIfAny();
        return new ResolvedConfig(raw.file(), ConfigSettings.of(values, raw.baseDir()));
    }

    /** The TECO keys plus one section per installed plugin. */
    public static ConfigSchema schemaFor(PluginCatalog catalog) {
        ConfigSchema schema = ConfigSchema.teco();
        Map<String, List<org.tecoplatform.api.OptionSpec>> byName = new LinkedHashMap<>();
        for (PluginInfo p : catalog.plugins()) {
            byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).addAll(p.options());
        }
        for (var e : byName.entrySet()) {
            if (schema.find(e.getKey()).isEmpty()) {
                schema = schema.withPluginSection(e.getKey(), e.getValue());
            }
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static void checkSection(Map<String, Object> section, String prefix, ConfigSchema schema,
                                     ConfigProblems problems, ConfigSettings paths) {
        for (Map.Entry<String, Object> e : section.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            var spec = schema.find(key);
            if (spec.isEmpty()) {
                String hint = Suggestions.closest(key, schema.keys()).map(c -> " (closest known key: '" + c + "')")
                        .orElse("");
                problems.add(key, "unknown key '" + key + "'" + hint);
                continue;
            }
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            OptionType type = spec.get().type();
            Object coerced = coerce(type, value);
            if (!type.accepts(coerced)) {
                problems.add(key, "key '" + key + "' must be " + type.withArticle() + ", found " + ConfigMaps.describe(value));
                continue;
            }
            e.setValue(coerced);
            if (type == OptionType.SECTION) {
                checkSection((Map<String, Object>) coerced, key, schema, problems, paths);
            } else if (type == OptionType.PATH && spec.get().mustExist()) {
                Path p = paths.resolve((String) coerced);
                if (!Files.exists(p)) {
                    problems.add(key, "key '" + key + "' names " + p + ", which does not exist");
                }
            }
        }
    }

    /** YAML 1.1 reads 1e-4 as a string and users write "8" for 8: accept what parses cleanly. */
    private static Object coerce(OptionType type, Object value) {
        if (value instanceof String s) {
            try {
                if (type == OptionType.INTEGER) {
                    long l = Long.parseLong(s.trim());
                    return l == (int) l ? (Object) (int) l : (Object) l;
                }
                if (type == OptionType.NUMBER) {
                    return Double.valueOf(s.trim());
                }
            } catch (NumberFormatException ignored) {
                return value;
            }
            if (type == OptionType.STRING_LIST) {
                return List.of(s);
            }
        }
        if (type == OptionType.INTEGER && value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            long l = d.longValue();
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (type == OptionType.STRING && (value instanceof Number || value instanceof Boolean)) {
            return value.toString();
        }
        return value;
    }

    private static void checkPluginNames(Map<String, Object> values, PluginCatalog catalog, ConfigProblems problems) {
        for (PluginKind kind : List.of(PluginKind.DATASET, PluginKind.TOKENIZER, PluginKind.PRIOR, PluginKind.METRIC)) {
            String key = "pipeline." + kind.configKey();
            Object v = ConfigMaps.lookup(values, key);
            List<String> names = v instanceof String s ? List.of(s)
                    : v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            for (String name : names) {
                if (catalog.info(kind, name).isEmpty()) {
                    problems.add(key, catalog.missingMessage(kind, name));
                }
            }
        }
    }

    /** Completes the sections of the plugins this run selects with their option defaults. */
    @SuppressWarnings("unchecked")
    private static void fillPluginDefaults(Map<String, Object> values, PluginCatalog catalog, ConfigProblems problems) {
        Set<String> selected = new LinkedHashSet<>();
        for (PluginKind kind : PluginKind.values()) {
            Object v = ConfigMaps.lookup(values, "pipeline." + kind.configKey());
            if (v instanceof String s) {
                selected.add(s);
            } else if (v instanceof List<?> l) {
                l.forEach(x -> selected.add(String.valueOf(x)));
            }
        }
        for (PluginInfo p : catalog.plugins()) {
            if (!selected.contains(p.name()) || p.options().isEmpty()) {
                continue;
            }
            Object existing = values.get(p.name());
            Map<String, Object> section = existing instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
            for (var o : p.options()) {
                if (section.get(o.key()) == null) {
                    if (o.required()) {
                        problems.add(p.name(), "plugin '" + p.name() + "' needs option '" + p.name() + "." + o.key()
                                + "' (" + o.type().label() + ": " + o.help() + ")");
                    } else {
                        section.put(o.key(), o.defaultValue());
                    }
                }
            }
            values.put(p.name(), section);
        }
    }
}
