package org.tecoplatform.api;

import java.util.List;
import java.util.Map;

/** The value types a config may hold, as YAML gives them. */
public enum OptionType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** A file or folder; relative paths are resolved against the config file's folder. */
    PATH("path"),
    INTEGER_LIST("list of integers"),
    STRING_LIST("list of strings"),
    SECTION("section");

    private final String label;

    OptionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The label with its article, for messages: "an integer", "a path". */
    public String withArticle() {
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    /** Whether a value parsed from YAML fits this type (integers are accepted as numbers). */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING, PATH -> value instanceof String;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER_LIST -> value instanceof List<?> l && l.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
            case STRING_LIST -> value instanceof List<?> l && l.stream().allMatch(v -> v instanceof String);
            case SECTION -> value instanceof Map<?, ?>;
        };
    }
}
