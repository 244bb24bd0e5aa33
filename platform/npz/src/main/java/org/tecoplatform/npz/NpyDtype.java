package org.tecoplatform.npz;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The numpy element types this package reads and writes, all little-endian, identified by
 * numpy's {@code descr} string ({@code '<i4'}, {@code '|u1'}, ...).
 */
public enum NpyDtype {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;
    private final String descr;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
        // numpy writes '|' for types whose byte order does not matter.
        this.descr = (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** numpy's descr string, as written into an npy header. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Signed or unsigned integer (not bool, not float). */
    public boolean isInteger() {
        return kind == 'i' || kind == 'u';
    }

    public boolean isUnsigned() {
        return kind == 'u';
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /**
     * The dtype of a numpy descr string. Single-byte types accept any byte-order mark;
     * wider types must be little-endian ({@code '<'}).
     *
     * @throws IllegalArgumentException naming the descr and what is supported
     */
    public static NpyDtype fromDescr(String descr) {
        boolean hasOrder = descr != null && !descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0;
        String code = descr == null ? "" : hasOrder ? descr.substring(1) : descr;
        if (code.startsWith("O")) {
            throw objectDtype(descr);
        }
        if (!hasOrder || code.isEmpty()) {
            throw new IllegalArgumentException("dtype descr " + quote(descr)
                    + " is not valid: expected a byte order (<, > or |) and a type code, one of " + supported());
        }
        char order = descr.charAt(0);
        for (NpyDtype t : values()) {
            if (code.equals(String.valueOf(t.kind) + t.itemSize)) {
                if (t.itemSize == 1 || order == '<') {
                    return t;
                }
                if (order == '>') {
                    throw new IllegalArgumentException("dtype " + quote(descr) + " is big-endian, which is not supported: "
                            + "expected " + quote(t.descr) + " (save it with arr.astype('" + t.descr + "'))");
                }
                throw new IllegalArgumentException("dtype " + quote(descr) + " has no explicit byte order: expected "
                        + quote(t.descr));
            }
        }
        throw new IllegalArgumentException("dtype " + quote(descr) + " is not supported: expected one of " + supported());
    }

    private static IllegalArgumentException objectDtype(String descr) {
        return new IllegalArgumentException("dtype " + quote(descr)
                + " is a Python object array (it needs pickle), which is not supported: expected one of " + supported());
    }

    private static String supported() {
        return Arrays.stream(values()).map(NpyDtype::descr).collect(Collectors.joining(" "));
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
