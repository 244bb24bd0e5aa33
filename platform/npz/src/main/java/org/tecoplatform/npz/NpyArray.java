package org.tecoplatform.npz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional numpy array: element type, shape and the raw elements, little-endian in
 * C (row-major) order, exactly as they sit in an npy file.
 *
 * <p>The factories wrap or fill a buffer without boxing; the {@code to...} accessors copy the
 * elements out into a Java array of the matching primitive type.
 */
public record NpyArray(NpyDtype dtype, int[] shape, ByteBuffer data) {

    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyHeader.shapeText(shape));
            }
        }
        // An independent view from the caller's position, so later reads never move the caller's buffer.
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        long count = NpyHeader.elementCount(shape);
        long expected = count > Long.MAX_VALUE / dtype.itemSize() ? Long.MAX_VALUE : count * dtype.itemSize();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("a " + dtype.descr() + " array of shape " + NpyHeader.shapeText(shape)
                    + " needs " + expected + " bytes of data, got " + data.remaining());
        }
    }

    /** Wraps {@code data} (no copy). */
    public static NpyArray uint8(int[] shape, byte[] data) {
        return new NpyArray(NpyDtype.UINT8, shape, ByteBuffer.wrap(data));
    }

    public static NpyArray int32(int[] shape, int[] data) {
        ByteBuffer b = allocate(data.length, 4);
        b.asIntBuffer().put(data);
        return new NpyArray(NpyDtype.INT32, shape, b);
    }

    public static NpyArray int64(int[] shape, long[] data) {
        ByteBuffer b = allocate(data.length, 8);
        b.asLongBuffer().put(data);
        return new NpyArray(NpyDtype.INT64, shape, b);
    }

    public static NpyArray float32(int[] shape, float[] data) {
        ByteBuffer b = allocate(data.length, 4);
        b.asFloatBuffer().put(data);
        return new NpyArray(NpyDtype.FLOAT32, shape, b);
    }

    public static NpyArray float64(int[] shape, double[] data) {
        ByteBuffer b = allocate(data.length, 8);
        b.asDoubleBuffer().put(data);
        return new NpyArray(NpyDtype.FLOAT64, shape, b);
    }

    private static ByteBuffer allocate(int elements, int itemSize) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, itemSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A read-only little-endian view of the elements, positioned at the first. */
    @Override
    public ByteBuffer data() {
        return le().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public NpyHeader header() {
        return new NpyHeader(dtype, shape, false);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public long elementCount() {
        return NpyHeader.elementCount(shape);
    }

    /** The elements of a {@code |u1} array (a copy); read one unsigned with {@code b & 0xFF}. */
    public byte[] toUint8() {
        require(dtype == NpyDtype.UINT8, "|u1 (uint8)");
        byte[] out = new byte[count()];
        le().get(out);
        return out;
    }

    /**
     * The elements of any integer (or bool) array as ints.
     *
     * @throws ArithmeticException naming the first element that does not fit in an int
     */
    public int[] toInts() {
        int n = count();
        int[] out = new int[n];
        ByteBuffer b = le();
        switch (dtype) {
            case INT32 -> b.asIntBuffer().get(out);
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xFF;
                }
            }
            default -> {
                long[] wide = toLongs();
                for (int i = 0; i < n; i++) {
                    long v = wide[i];
                    if (v != (int) v) {
                        throw new ArithmeticException("element " + i + " of a " + dtype.descr() + " array of shape "
                                + NpyHeader.shapeText(shape) + " is " + v + ", which does not fit in a Java int");
                    }
                    out[i] = (int) v;
                }
            }
        }
        return out;
    }

    /**
     * The elements of any integer (or bool) array as longs.
     *
     * @throws ArithmeticException for a {@code <u8} element above {@link Long#MAX_VALUE}
     */
    public long[] toLongs() {
        int n = count();
        long[] out = new long[n];
        ByteBuffer b = le();
        switch (dtype) {
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xFF;
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(2 * i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(2 * i) & 0xFFFF;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(4 * i) & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> b.asLongBuffer().get(out);
            case UINT64 -> {
                b.asLongBuffer().get(out);
                for (int i = 0; i < n; i++) {
                    if (out[i] < 0) {
                        throw new ArithmeticException("element " + i + " of a <u8 array of shape " + NpyHeader.shapeText(shape)
                                + " is " + Long.toUnsignedString(out[i]) + ", which does not fit in a Java long");
                    }
                }
            }
            default -> throw new IllegalStateException(this + " is not an integer array: expected an integer or bool dtype");
        }
        return out;
    }

    /** The elements as floats: {@code <f4} exactly, {@code <f8} and integers rounded to the nearest float. */
    public float[] toFloats() {
        int n = count();
        float[] out = new float[n];
        ByteBuffer b = le();
        switch (dtype) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            default -> {
                long[] wide = toLongs();
                for (int i = 0; i < n; i++) {
                    out[i] = wide[i];
                }
            }
        }
        return out;
    }

    /** The elements as doubles: floats exactly, integers rounded to the nearest double. */
    public double[] toDoubles() {
        int n = count();
        double[] out = new double[n];
        ByteBuffer b = le();
        switch (dtype) {
            case FLOAT64 -> b.asDoubleBuffer().get(out);
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat(4 * i);
                }
            }
            default -> {
                long[] wide = toLongs();
                for (int i = 0; i < n; i++) {
                    out[i] = wide[i];
                }
            }
        }
        return out;
    }

    private ByteBuffer le() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    // The data buffer holds at most Integer.MAX_VALUE bytes, so the element count fits in an int.
    private int count() {
        return (int) elementCount();
    }

    private void require(boolean ok, String expected) {
        if (!ok) {
            throw new IllegalStateException(this + ": expected dtype " + expected);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && Arrays.equals(shape, a.shape) && data.equals(a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), data);
    }

    @Override
    public String toString() {
        return "NpyArray(" + dtype.descr() + ", " + NpyHeader.shapeText(shape) + ")";
    }
}
