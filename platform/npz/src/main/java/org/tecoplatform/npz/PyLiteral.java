package org.tecoplatform.npz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal an npy header holds ({@code {'descr': '<i4', 'fortran_order': False,
 * 'shape': (3, 4), }}): dicts, tuples, lists, strings, integers, True/False/None. numpy reads it
 * with {@code ast.literal_eval}; this accepts the same subset, bounded in depth so a hostile header
 * cannot overflow the stack.
 */
final class PyLiteral {

    /** A Python tuple (kept apart from lists: numpy requires the shape to be a tuple). */
    record Tuple(List<Object> items) {
        @Override
        public String toString() {
            return repr(this);
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * @return a Map, Tuple, List, String, BigInteger, Boolean, or {@code null} for None
     * @throws IllegalArgumentException saying where the text stops being a literal
     */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("end of the literal");
        }
        return value;
    }

    /** The value as Python would print it, for messages. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Tuple t) {
            String inner = String.join(", ", t.items().stream().map(PyLiteral::repr).toList());
            return "(" + inner + (t.items().size() == 1 ? ",)" : ")");
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(PyLiteral::repr).toList()) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            return "{" + String.join(", ", m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue())).toList()) + "}";
        }
        return String.valueOf(v);
    }

    /** Python's name for the value's type, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Tuple) {
            return "tuple";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        return v instanceof Map<?, ?> ? "dict" : "int";
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict(depth);
            case '(' -> new Tuple(sequence(')', depth, true));
            case '[' -> sequence(']', depth, false);
            case '\'', '"' -> string();
            default -> c == '-' || c == '+' || Character.isDigit(c) ? integer() : name();
        };
    }

    private Map<Object, Object> dict(int depth) {
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            skipSpace();
            expect(':');
            Object v = value(depth + 1);
            if (map.put(key, v) != null) {
                throw new IllegalArgumentException("key " + key + " appears twice");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (!peek('}')) {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> sequence(char close, int depth, boolean tuple) {
        pos++;
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                // "(3)" is just a parenthesised 3 in Python, not a tuple.
                if (tuple && items.size() == 1 && !sawComma) {
                    throw new IllegalArgumentException("(" + items.get(0) + ") is not a tuple: a 1-tuple needs a trailing comma");
                }
                return items;
            }
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                sawComma = true;
            } else if (!peek(close)) {
                throw error("',' or '" + close + "'");
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            b.append(c);
        }
        throw error("a closing " + quote);
    }

    private BigInteger integer() {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        // Python 2 era numpy wrote long dimensions as "3L".
        if (peek('L') || peek('l')) {
            pos++;
        }
        if (digits.length() > 40 || digits.replace("-", "").replace("+", "").isEmpty()) {
            pos = start;
            throw error("an integer of at most 40 digits");
        }
        return new BigInteger(digits);
    }

    private Object name() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> {
                pos = start;
                throw error("a value");
            }
        };
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'";
        return new IllegalArgumentException("at character " + pos + ": expected " + expected + ", found " + found);
    }
}
