package org.tecoplatform.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One tensor input or output of a model: its name, element type and shape. A dimension is a
 * fixed size, or dynamic ({@link #DYNAMIC}) with the symbolic name the model gives it
 * ({@code "batch"}, or {@code ""} when unnamed).
 */
public record TensorSpec(String name, OnnxJavaType type, long[] dims, String[] dimNames) {

    /** A dynamic dimension in {@link #dims}, and "any size" in an expected shape. */
    public static final long DYNAMIC = -1;

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
        dimNames = dimNames == null ? new String[dims.length] : dimNames.clone();
        if (dimNames.length != dims.length) {
            throw new IllegalArgumentException("dimNames has " + dimNames.length + " entries for " + dims.length + " dims");
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                dims[i] = DYNAMIC;
            }
            if (dimNames[i] == null) {
                dimNames[i] = "";
            }
        }
    }

    /** The spec of a tensor {@code name} as ONNX Runtime describes it. */
    public static TensorSpec of(String name, TensorInfo info) {
        return new TensorSpec(name, info.type, info.getShape(), info.getDimensionNames());
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public String[] dimNames() {
        return dimNames.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis];
    }

    public boolean isDynamic(int axis) {
        return dims[axis] == DYNAMIC;
    }

    /** The element type as ONNX names it: uint8, int64, float32 ... */
    public static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case BOOL -> "bool";
            case STRING -> "string";
            case UNKNOWN -> "unknown";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The shape as text, dynamic dims by their symbolic name or {@code ?}: {@code [batch,16,16]}. */
    public String shapeText() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            out.add(dims[i] == DYNAMIC ? (dimNames[i].isEmpty() ? "?" : dimNames[i]) : Long.toString(dims[i]));
        }
        return "[" + String.join(",", out) + "]";
    }

    /** {@code codes int64 [batch,16,16]}. */
    public String describe() {
        return name + " " + typeName(type) + " " + shapeText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && Arrays.equals(dimNames, t.dimNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(dims), Arrays.hashCode(dimNames));
    }

    @Override
    public String toString() {
        return describe();
    }
}
