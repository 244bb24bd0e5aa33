package org.tecoplatform.pipeline.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the nested {@code Map<String,Object>} form of a config, addressed by dotted keys. */
public final class ConfigMaps {

    private ConfigMaps() {
    }

    /** The value at a dotted key, or null when any part is absent. */
    public static Object lookup(Map<String, Object> root, String dottedKey) {
        Object current = root;
        for (String part : dottedKey.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    /** Sets a dotted key, creating sections as needed; returns the previous value. */
    @SuppressWarnings("unchecked")
    public static Object put(Map<String, Object> root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.", -1);
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            }
            current = (Map<String, Object>) next;
        }
        return current.put(parts[parts.length - 1], value);
    }

    /** A deep, mutable copy (maps become LinkedHashMaps, lists are copied). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ConfigMaps::copyValue).toList();
        }
        return v;
    }

    /** "the integer 3", "the string 'abc'", ... for messages. */
    public static String describe(Object v) {
        if (v == null) {
            return "nothing (null)";
        }
        if (v instanceof String s) {
            return "the string '" + s + "'";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "the integer " + v;
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof List<?> l) {
            return "the list " + l;
        }
        if (v instanceof Map<?, ?>) {
            return "a section";
        }
        return v.getClass().getSimpleName() + " " + v;
    }
}
