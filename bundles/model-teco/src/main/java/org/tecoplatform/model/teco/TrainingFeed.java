package org.tecoplatform.model.teco;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host-side values of one training step's graph inputs ({@link TecoModel#feed}), by name, in
 * the order {@link TecoModel#training} declares them.
 */
public record TrainingFeed(List<Tensor> tensors) {

    public TrainingFeed {
        tensors = List.copyOf(tensors);
    }

    /** One named input: integer ids ({@code ints}) or floats ({@code floats}), row-major. */
    public record Tensor(String name, int[] shape, int[] ints, float[] floats) {

        public Tensor {
            shape = shape.clone();
            if ((ints == null) == (floats == null)) {
                throw new IllegalArgumentException(name + ": exactly one of ints and floats");
            }
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            int length = ints != null ? ints.length : floats.length;
            if (n != length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + length);
            }
        }

        public static Tensor ints(String name, int[] values, int... shape) {
            return new Tensor(name, shape, values, null);
        }

        public static Tensor floats(String name, float[] values, int... shape) {
            return new Tensor(name, shape, null, values);
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public boolean isIndex() {
            return ints != null;
        }
    }

    /** The tensor called {@code name}. */
    public Tensor get(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input " + name + " in the feed"));
    }

    /**
     * SameDiff placeholders: ids as INT (what {@link org.tecoplatform.nn.SameDiffOps#indexInput}
     * declares), floats in the graph's floating-point type.
     */
    public Map<String, INDArray> placeholders(DataType floatType) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            long[] s = Arrays.stream(t.shape()).asLongStream().toArray();
            INDArray a = t.isIndex()
                    ? Nd4j.createFromArray(t.ints()).reshape(s)
                    : Nd4j.create(t.floats(), s, 'c');
            DataType want = t.isIndex() ? DataType.INT : floatType;
            out.put(t.name(), a.dataType() == want ? a : a.castTo(want));
        }
        return out;
    }
}
