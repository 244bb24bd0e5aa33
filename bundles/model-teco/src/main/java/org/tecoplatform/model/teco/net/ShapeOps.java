package org.tecoplatform.model.teco.net;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;

/**
 * An {@link Ops} back end that only tracks shapes: building a graph on it records every
 * parameter's shape without allocating or initialising anything, so the parameters of a
 * DMLab-size model (172 M) are counted in milliseconds. Inputs of any size cost nothing.
 */
public final class ShapeOps implements Ops<ShapeOps.Shape> {

    /** A tensor's static shape. */
    public record Shape(int[] dims) {
        public Shape {
            dims = dims.clone();
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }
    }

    private final ParamStore unused = new ParamStore(0);
    private final Map<String, int[]> params = new LinkedHashMap<>();

    /** Shapes of the parameters the graph asked for, by name, first request first. */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Scalars in {@code name}. */
    public long parameterSize(String name) {
        long n = 1;
        for (int d : params.get(name)) {
            n *= d;
        }
        return n;
    }

    /** Always empty: parameters are recorded by shape only ({@link #parameterShapes}). */
    @Override
    public ParamStore params() {
        return unused;
    }

    @Override
    public int[] shape(Shape x) {
        return x.dims();
    }

    private static Shape of(int... dims) {
        return new Shape(dims);
    }

    @Override
    public Shape input(String name, int... shape) {
        return of(shape);
    }

    @Override
    public Shape indexInput(String name, int... shape) {
        return of(shape);
    }

    @Override
    public void output(String name, Shape x) {
    }

    @Override
    public Shape param(String name, Init init, int... shape) {
        int[] old = params.putIfAbsent(name, shape.clone());
        if (old != null && !Arrays.equals(old, shape)) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(old)
                    + ", asked for " + Arrays.toString(shape));
        }
        return of(shape);
    }

    @Override
    public Shape constant(float[] data, int... shape) {
        return of(shape);
    }

    @Override
    public Shape add(Shape a, Shape b) {
        return broadcast(a, b);
    }

    @Override
    public Shape sub(Shape a, Shape b) {
        return broadcast(a, b);
    }

    @Override
    public Shape mul(Shape a, Shape b) {
        return broadcast(a, b);
    }

    @Override
    public Shape div(Shape a, Shape b) {
        return broadcast(a, b);
    }

    private static Shape broadcast(Shape x, Shape y) {
        int[] a = x.dims;
        int[] b = y.dims;
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return of(out);
    }

    @Override
    public Shape matmul(Shape a, Shape b) {
        int[] x = a.dims;
        int[] y = b.dims;
        if (x.length != y.length || x[x.length - 1] != y[y.length - 2]) {
            throw new IllegalArgumentException("matmul " + Arrays.toString(x) + " x " + Arrays.toString(y));
        }
        int[] out = x.clone();
        out[out.length - 1] = y[y.length - 1];
        return of(out);
    }

    @Override
    public Shape reshape(Shape x, int... shape) {
        long total = 1;
        for (int d : x.dims) {
            total *= d;
        }
        int[] out = shape.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            out[free] = Math.toIntExact(total / known);
            known *= out[free];
        }
        if (known != total) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.dims) + " to " + Arrays.toString(shape));
        }
        return of(out);
    }

    @Override
    public Shape transpose(Shape x, int... perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = x.dims[perm[i]];
        }
        return of(out);
    }

    @Override
    public Shape concat(int axis, List<Shape> xs) {
        int[] out = xs.get(0).dims();
        int ax = axis < 0 ? axis + out.length : axis;
        out[ax] = xs.stream().mapToInt(s -> s.dims[ax]).sum();
        return of(out);
    }

    @Override
    public Shape slice(Shape x, int axis, int start, int end) {
        int[] out = x.dims();
        int ax = axis < 0 ? axis + out.length : axis;
        if (start < 0 || end > out[ax] || start >= end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") of axis " + ax + " of "
                    + Arrays.toString(x.dims));
        }
        out[ax] = end - start;
        return of(out);
    }

    @Override
    public Shape flip(Shape x, int... axes) {
        return x;
    }

    @Override
    public Shape reduceMean(Shape x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes);
    }

    @Override
    public Shape reduceSum(Shape x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes);
    }

    private static Shape reduce(Shape x, boolean keepDims, int[] axes) {
        int rank = x.dims.length;
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a < 0 ? a + rank : a] = true;
        }
        int[] out = new int[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                out[n++] = x.dims[i];
            } else if (keepDims) {
                out[n++] = 1;
            }
        }
        return of(Arrays.copyOf(out, n));
    }

    @Override
    public Shape sqrt(Shape x) {
        return x;
    }

    @Override
    public Shape rsqrt(Shape x) {
        return x;
    }

    @Override
    public Shape exp(Shape x) {
        return x;
    }

    @Override
    public Shape tanh(Shape x) {
        return x;
    }

    @Override
    public Shape sigmoid(Shape x) {
        return x;
    }

    @Override
    public Shape erf(Shape x) {
        return x;
    }

    @Override
    public Shape relu(Shape x) {
        return x;
    }

    @Override
    public Shape elu(Shape x) {
        return x;
    }

    @Override
    public Shape softmax(Shape x) {
        return x;
    }

    @Override
    public Shape log(Shape x) {
        return x;
    }

    @Override
    public Shape logSoftmax(Shape x) {
        return x;
    }

    @Override
    public Shape conv2d(Shape x, Shape kernel, int stride, int pad) {
        int[] s = x.dims;
        int[] k = kernel.dims;
        if (s.length != 4 || k.length != 4 || s[3] != k[2]) {
            throw new IllegalArgumentException("conv2d " + Arrays.toString(s) + " with kernel " + Arrays.toString(k));
        }
        return of(s[0], (s[1] + 2 * pad - k[0]) / stride + 1, (s[2] + 2 * pad - k[1]) / stride + 1, k[3]);
    }

    @Override
    public Shape oneHot(Shape indices, int depth) {
        int[] out = Arrays.copyOf(indices.dims, indices.dims.length + 1);
        out[out.length - 1] = depth;
        return of(out);
    }

    @Override
    public Shape byteInput(String name, int... shape) {
        return of(shape);
    }

    @Override
    public void byteOutput(String name, Shape x) {
    }

    @Override
    public void indexOutput(String name, Shape indices) {
    }

    @Override
    public Shape argminLast(Shape x) {
        return of(Arrays.copyOf(x.dims, x.dims.length - 1));
    }

    @Override
    public Shape stopGradient(Shape x) {
        return x;
    }

    @Override
    public Shape clamp(Shape x, float lo, float hi) {
        return x;
    }

    @Override
    public Shape floor(Shape x) {
        return x;
    }
}
