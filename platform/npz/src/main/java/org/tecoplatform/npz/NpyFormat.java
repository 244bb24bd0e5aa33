package org.tecoplatform.npz;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/** The npy container: magic, version, header length, the header dict, then the raw data. */
final class NpyFormat {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes. */
    static final int ARRAY_ALIGN = 64;
    /** numpy leaves room after the dict for the growth axis to reach this many digits. */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Headers are a few hundred bytes; anything far larger is not a header we can use. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** numpy's NPY_MAXDIMS. */
    static final int MAX_RANK = 64;

    /** A parsed header and how many bytes precede the data (magic, version, length, dict). */
    record Parsed(NpyHeader header, int prefixBytes) {
    }

    private NpyFormat() {
    }

    /**
     * Reads exactly the header from {@code in}, leaving it at the first data byte.
     *
     * @param crc updated with every byte read, or {@code null}
     */
    static Parsed readHeader(InputStream in, Path file, String member, CRC32 crc) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 2);
        if (crc != null) {
            crc.update(preamble);
        }
        if (preamble.length < MAGIC.length || !Arrays.equals(preamble, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpzFormatException(file, member, "not an npy array: expected the magic \\x93NUMPY, found "
                    + printable(preamble, Math.min(preamble.length, MAGIC.length)));
        }
        if (preamble.length < MAGIC.length + 2) {
            throw new NpzFormatException(file, member, "truncated npy header: expected a 2-byte version after the magic, found "
                    + (preamble.length - MAGIC.length) + " bytes");
        }
        int major = preamble[6] & 0xFF;
        int minor = preamble[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpzFormatException(file, member, "unsupported npy format version " + major + "." + minor
                    + ": expected 1.0, 2.0 or 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (crc != null) {
            crc.update(lengthField);
        }
        if (lengthField.length < lengthBytes) {
            throw new NpzFormatException(file, member, "truncated npy header: expected a " + lengthBytes
                    + "-byte header length, found " + lengthField.length + " bytes");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (lengthField[i] & 0xFF);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpzFormatException(file, member, "npy header length is " + headerLength
                    + " bytes: expected at most " + MAX_HEADER_BYTES);
        }
        byte[] dict = in.readNBytes((int) headerLength);
        if (crc != null) {
            crc.update(dict);
        }
        if (dict.length < headerLength) {
            throw new NpzFormatException(file, member, "truncated npy header: expected " + headerLength
                    + " header bytes, found " + dict.length);
        }
        // Versions 1 and 2 store the dict in latin-1, version 3 in UTF-8.
        String text = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = parseDict(text, file, member);
        return new Parsed(header, MAGIC.length + 2 + lengthBytes + (int) headerLength);
    }

    static NpyHeader parseDict(String text, Path file, String member) throws NpzFormatException {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NpzFormatException(file, member, "npy header is not a Python literal (" + e.getMessage() + "): "
                    + clip(text));
        }
        if (!(literal instanceof Map<?, ?> map)) {
            throw new NpzFormatException(file, member, "npy header is " + describe(literal) + ": expected a dict");
        }
        List<String> expectedKeys = List.of("descr", "fortran_order", "shape");
        if (!new TreeSet<>(expectedKeys).equals(new TreeSet<>(map.keySet().stream().map(String::valueOf).toList()))
                || map.size() != expectedKeys.size()) {
            throw new NpzFormatException(file, member, "npy header has keys " + map.keySet()
                    + ": expected exactly " + expectedKeys + " in " + clip(text));
        }
        Object descr = map.get("descr");
        if (!(descr instanceof String d)) {
            throw new NpzFormatException(file, member, "descr is " + describe(descr)
                    + ": expected a plain dtype string such as '<i4' (structured dtypes are not supported)");
        }
        NpyDtype dtype;
        try {
            dtype = NpyDtype.fromDescr(d);
        } catch (IllegalArgumentException e) {
            throw new NpzFormatException(file, member, e.getMessage());
        }
        Object fortran = map.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw new NpzFormatException(file, member, "fortran_order is " + describe(fortran) + ": expected True or False");
        }
        Object shapeValue = map.get("shape");
        if (!(shapeValue instanceof PyLiteral.Tuple tuple)) {
            throw new NpzFormatException(file, member, "shape is " + describe(shapeValue) + ": expected a tuple of integers");
        }
        if (tuple.items().size() > MAX_RANK) {
            throw new NpzFormatException(file, member, "shape has " + tuple.items().size() + " dimensions: expected at most " + MAX_RANK);
        }
        int[] shape = new int[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object dim = tuple.items().get(i);
            if (!(dim instanceof BigInteger n) || n.signum() < 0 || n.bitLength() > 31) {
                throw new NpzFormatException(file, member, "dimension " + i + " of the shape is " + describe(dim)
                        + ": expected an integer from 0 to " + Integer.MAX_VALUE);
            }
            shape[i] = n.intValue();
        }
        return new NpyHeader(dtype, shape, f);
    }

    /**
     * Refuses what is not C order, larger than {@code maxArrayBytes}, or not the size its container
     * says ({@code actualSize} bytes, or -1 when unknown).
     */
    static void checkDeclared(Path file, String member, Parsed parsed, long maxArrayBytes, long actualSize, String container)
            throws NpzFormatException {
        NpyHeader h = parsed.header();
        String what = h.dtype().descr() + " array of shape " + h.shapeText();
        if (h.fortranOrder()) {
            throw new NpzFormatException(file, member, "fortran_order is True: expected a C-order array "
                    + "(save it with np.ascontiguousarray)");
        }
        if (h.dataBytes() > maxArrayBytes) {
            throw new NpzFormatException(file, member, "the header declares a " + what + " of "
                    + (h.dataBytes() == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(h.dataBytes()))
                    + " bytes: expected at most " + maxArrayBytes + " bytes per array");
        }
        long expected = parsed.prefixBytes() + h.dataBytes();
        if (actualSize != -1 && actualSize != expected) {
            throw new NpzFormatException(file, member, "the header declares a " + what + ", " + parsed.prefixBytes()
                    + " header bytes + " + h.dataBytes() + " data bytes = " + expected + " bytes, but the " + container
                    + " holds " + actualSize + " bytes");
        }
    }

    /** numpy's npy 1.0 header for a C-order array, byte for byte, data aligned to 64. */
    static byte[] encodeHeader(NpyDtype dtype, int[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': ")
                .append(NpyHeader.shapeText(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length()));
        }
        int dictLength = dict.length() + 1; // the closing newline
        int pad = ARRAY_ALIGN - ((MAGIC.length + 2 + 2 + dictLength) % ARRAY_ALIGN);
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > 0xFFFF) {
            throw new IllegalArgumentException("npy header of " + text.length + " bytes does not fit format 1.0");
        }
        byte[] out = new byte[MAGIC.length + 4 + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, MAGIC.length + 4, text.length);
        return out;
    }

    private static String describe(Object value) {
        return value == null ? "None" : "the " + PyLiteral.typeName(value) + " " + PyLiteral.repr(value);
    }

    private static String clip(String text) {
        String t = text.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    private static String printable(byte[] bytes, int n) {
        if (n == 0) {
            return "an empty stream";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return "'" + b + "'";
    }
}
