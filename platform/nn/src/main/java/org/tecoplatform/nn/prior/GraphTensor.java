package org.tecoplatform.nn.prior;

/**
 * One input of an exported prior graph as plain Java data: {@code float[]} for float inputs,
 * {@code long[]} for index inputs, row-major with {@code shape}.
 */
public record GraphTensor(Object data, long[] shape) {

    public GraphTensor {
        if (!(data instanceof float[]) && !(data instanceof long[])) {
            throw new IllegalArgumentException("graph tensors hold float[] or long[], got " + data.getClass());
        }
        shape = shape.clone();
    }

    public static GraphTensor floats(float[] data, long... shape) {
        return new GraphTensor(data, shape);
    }

    public static GraphTensor longs(long[] data, long... shape) {
        return new GraphTensor(data, shape);
    }

    public static GraphTensor ids(int[] ids, long... shape) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return new GraphTensor(l, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
