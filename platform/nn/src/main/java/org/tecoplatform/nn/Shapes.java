package org.tecoplatform.nn;

import java.util.Arrays;

/** Static shape inference shared by both lowerings, so they agree on every shape. */
final class Shapes {

    private Shapes() {
    }

    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static int[] matmul(int[] a, int[] b) {
        int r = a.length;
        if (r != b.length || r < 2 || r > 4) {
            throw new IllegalArgumentException("matmul needs equal ranks 2..4, got " + Arrays.toString(a) + " x " + Arrays.toString(b));
        }
        for (int i = 0; i < r - 2; i++) {
            if (a[i] != b[i]) {
                throw new IllegalArgumentException("matmul batch dims differ: " + Arrays.toString(a) + " x " + Arrays.toString(b));
            }
        }
        if (a[r - 1] != b[r - 2]) {
            throw new IllegalArgumentException("matmul inner dims differ: " + Arrays.toString(a) + " x " + Arrays.toString(b));
        }
        int[] out = a.clone();
        out[r - 1] = b[r - 1];
        return out;
    }

    static int[] reshape(int[] in, int[] shape) {
        long total = ParamStore.count(in);
        int[] out = shape.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(shape));
                }
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            if (known == 0 || total % known != 0) {
                throw new IllegalArgumentException("reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
            }
            out[free] = (int) (total / known);
        }
        if (ParamStore.count(out) != total) {
            throw new IllegalArgumentException("reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
        }
        return out;
    }

    static int[] transpose(int[] in, int[] perm) {
        if (perm.length != in.length) {
            throw new IllegalArgumentException("transpose " + Arrays.toString(in) + " by " + Arrays.toString(perm));
        }
        int[] out = new int[in.length];
        boolean[] seen = new boolean[in.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= in.length || seen[perm[i]]) {
                throw new IllegalArgumentException("bad permutation " + Arrays.toString(perm));
            }
            seen[perm[i]] = true;
            out[i] = in[perm[i]];
        }
        return out;
    }

    static int[] concat(int axis, int[][] shapes) {
        int[] out = shapes[0].clone();
        for (int k = 1; k < shapes.length; k++) {
            int[] s = shapes[k];
            if (s.length != out.length) {
                throw new IllegalArgumentException("concat of ranks " + out.length + " and " + s.length);
            }
            for (int i = 0; i < s.length; i++) {
                if (i != axis && s[i] != out[i]) {
                    throw new IllegalArgumentException("concat on axis " + axis + ": " + Arrays.toString(shapes[0]) + " vs " + Arrays.toString(s));
                }
            }
            out[axis] += s[axis];
        }
        return out;
    }

    static int[] slice(int[] in, int axis, int start, int end) {
        if (start < 0 || end > in[axis] || start >= end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") of axis " + axis + " of " + Arrays.toString(in));
        }
        int[] out = in.clone();
        out[axis] = end - start;
        return out;
    }

    static int[] reduce(int[] in, boolean keepDims, int[] axes) {
        boolean[] reduced = new boolean[in.length];
        for (int a : axes) {
            reduced[axis(a, in.length)] = true;
        }
        return java.util.stream.IntStream.range(0, in.length)
                .filter(i -> keepDims || !reduced[i])
                .map(i -> reduced[i] ? 1 : in[i])
                .toArray();
    }

    static int[] conv2d(int[] x, int[] k, int stride, int pad) {
        if (x.length != 4 || k.length != 4 || x[3] != k[2]) {
            throw new IllegalArgumentException("conv2d NHWC " + Arrays.toString(x) + " with HWIO " + Arrays.toString(k));
        }
        int h = (x[1] + 2 * pad - k[0]) / stride + 1;
        int w = (x[2] + 2 * pad - k[1]) / stride + 1;
        return new int[] {x[0], h, w, k[3]};
    }

    static int axis(int a, int rank) {
        int r = a < 0 ? a + rank : a;
        if (r < 0 || r >= rank) {
            throw new IllegalArgumentException("axis " + a + " out of range for rank " + rank);
        }
        return r;
    }

    static int[] append(int[] shape, int last) {
        int[] out = Arrays.copyOf(shape, shape.length + 1);
        out[shape.length] = last;
        return out;
    }

    static long[] longs(int[] s) {
        return Arrays.stream(s).asLongStream().toArray();
    }
}
