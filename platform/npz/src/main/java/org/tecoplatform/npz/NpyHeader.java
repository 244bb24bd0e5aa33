package org.tecoplatform.npz;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an npy header declares: element type, shape and memory order. Nothing is allocated
 * for the data until the declared size has been checked.
 */
public record NpyHeader(NpyDtype dtype, int[] shape, boolean fortranOrder) {

    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeText(shape));
            }
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of one axis. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements; {@link Long#MAX_VALUE} when the product overflows. */
    public long elementCount() {
        return elementCount(shape);
    }

    /** Bytes of data the header declares; {@link Long#MAX_VALUE} when that overflows. */
    public long dataBytes() {
        long n = elementCount();
        return n > Long.MAX_VALUE / dtype.itemSize() ? Long.MAX_VALUE : n * dtype.itemSize();
    }

    /** The shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (4, 64, 64, 3)}. */
    public String shapeText() {
        return shapeText(shape);
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            if (n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype == h.dtype && fortranOrder == h.fortranOrder && Arrays.equals(shape, h.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, fortranOrder, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return "NpyHeader(" + dtype.descr() + ", " + shapeText() + (fortranOrder ? ", fortran_order" : "") + ")";
    }
}
