package org.tecoplatform.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMin;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Lowers {@link Ops} to eager ND4J computation with a reverse-mode tape: the training back end.
 * Every op runs as soon as the network calls it; ops that a parameter (or a trainable input)
 * reaches record how to send gradients back, and {@link #backward} walks that record in reverse.
 * One instance is one step: build the network on it, call {@link #backward}, read
 * {@link #gradients}, then {@link #close} frees every array the step made.
 *
 * <p>Why not SameDiff's executor: on TECO's step its per-op bookkeeping cost a quarter of the
 * time, and its backward pass of broadcast products (a per-channel scale or bias) reduced over
 * strided axes at a few hundred MFLOP/s, the costliest op of the step. Here such reductions run
 * as a matrix product with a ones vector, and each gradient is computed only for the inputs that
 * need one. SameDiffOps stays the reference: the tests hold both back ends' gradients equal.
 */
public final class EagerOps implements Ops<EagerOps.Tensor>, AutoCloseable {

    /** A value of the step, with its static shape and, after {@link #backward}, its gradient. */
    public static final class Tensor {
        private final INDArray value;
        private final int[] shape;
        private final boolean needsGrad;
        private final Float scalar;
        private INDArray grad;

        private Tensor(INDArray value, int[] shape, boolean needsGrad, Float scalar) {
            this.value = value;
            this.shape = shape.clone();
            this.needsGrad = needsGrad;
            this.scalar = scalar;
        }

        /** The value (valid until the step is closed). */
        public INDArray value() {
            return value;
        }
    }

    /** Gradients of a node's inputs (null where an input needs none) from the gradient of its output. */
    private interface Backward {
        INDArray[] apply(INDArray g);
    }

    private record Node(String op, Tensor out, Tensor[] in, Backward back) {
    }

    /** Told each op's time and output size, for profiles ({@code teco bench train --profile}). */
    public interface OpListener {
        /**
         * @param op     the op's name ({@code conv2d}, or {@code conv2d_bp} for its backward step)
         * @param inputs the input shapes, as {@code [2,16,16,64] [3,3,64,64]}
         * @param nanos  wall time of the op (forward: since the previous op ended)
         * @param bytes  bytes of its output(s)
         */
        void op(String op, String inputs, long nanos, long bytes);
    }

    private final ParamStore params;
    private final Map<String, INDArray> paramArrays;
    private final Map<String, INDArray> feed;
    private final DataType dtype;
    private final boolean trainableInputs;
    private final Map<String, Tensor> paramTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> inputTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> outputs = new LinkedHashMap<>();
    private final List<Node> tape = new ArrayList<>();
    private final List<INDArray> owned = new ArrayList<>();
    private final Map<String, INDArray> ones = new java.util.HashMap<>();
    private boolean closed;
    private OpListener listener;
    private long mark = System.nanoTime();

    /**
     * @param params      parameters the network may create (with their initialiser) when absent
     * @param paramArrays the live parameter arrays, by name, in {@code dtype}: read by the step and
     *                    updated in place by the optimiser between steps; a parameter missing here
     *                    is added from {@code params}
     * @param feed        the step's inputs by name: index inputs as integers, float inputs in any
     *                    floating type (cast to {@code dtype}), byte inputs as uint8
     */
    public EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype) {
        this(params, paramArrays, feed, dtype, false);
    }

    /** With {@code trainableInputs}, float inputs get gradients too ({@link #inputGradient}), for gradient checks. */
    public EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype,
            boolean trainableInputs) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double, not " + dtype);
        }
        this.params = params;
        this.paramArrays = paramArrays;
        this.feed = feed;
        this.dtype = dtype;
        this.trainableInputs = trainableInputs;
    }

    public DataType dataType() {
        return dtype;
    }

    /** Reports every op of this step, forward and backward, to {@code l} (null: none). */
    public EagerOps listener(OpListener l) {
        this.listener = l;
        this.mark = System.nanoTime();
        return this;
    }

    /** Outputs declared so far, by name, in declaration order. */
    public Map<String, Tensor> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** The value of a declared output. */
    public INDArray output(String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no output " + name + "; declared: " + outputs.keySet());
        }
        return t.value;
    }

    /** The parameters the step read, by name, in first-use order. */
    public List<String> parametersUsed() {
        return new ArrayList<>(paramTensors.keySet());
    }

    // ---- backward ----

    /**
     * Back-propagates from the named scalar output: afterwards {@link #gradients} and
     * {@link #inputGradient} hold d output / d parameter and d output / d input.
     */
    public void backward(String output) {
        Tensor loss = outputs.get(output);
        if (loss == null) {
            throw new IllegalArgumentException("no output " + output + "; declared: " + outputs.keySet());
        }
        if (loss.value.length() != 1) {
            throw new IllegalArgumentException("output " + output + " is not a scalar: " + Arrays.toString(loss.shape));
        }
        loss.grad = own(Nd4j.ones(dtype, loss.value.shape()));
        for (int i = tape.size() - 1; i >= 0; i--) {
            Node n = tape.get(i);
            INDArray g = n.out.grad;
            if (g == null) {
                continue;
            }
            long t0 = listener == null ? 0 : System.nanoTime();
            INDArray[] gs = n.back.apply(g);
            long bytes = 0;
            for (int j = 0; j < n.in.length; j++) {
                Tensor in = n.in[j];
                if (in.needsGrad && gs[j] != null) {
                    accumulate(in, gs[j]);
                    bytes += gs[j].length() * gs[j].dataType().width();
                }
            }
            if (listener != null) {
                listener.op(n.op + "_bp", shapes(n.in), System.nanoTime() - t0, bytes);
            }
        }
    }

    private void accumulate(Tensor t, INDArray g) {
        if (g.length() != t.value.length()) {
            throw new IllegalStateException("gradient of " + g.length() + " values for a tensor of shape "
                    + Arrays.toString(t.shape));
        }
        INDArray shaped = Arrays.equals(g.shape(), t.value.shape()) ? g : g.reshape('c', t.value.shape());
        // Never in place: the first gradient may be a view shared with another tensor's.
        t.grad = t.grad == null ? shaped : own(t.grad.add(shaped));
    }

    /** d output / d parameter for every parameter the step read (zeros where the output does not depend on it). */
    public Map<String, INDArray> gradients() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        paramTensors.forEach((name, t) -> out.put(name, t.grad != null ? t.grad : own(Nd4j.zeros(dtype, t.value.shape()))));
        return out;
    }

    /** d output / d input for a float input of a step built with trainable inputs. */
    public INDArray inputGradient(String name) {
        Tensor t = inputTensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no input " + name);
        }
        return t.grad != null ? t.grad : own(Nd4j.zeros(dtype, t.value.shape()));
    }

    /** Frees every array this step made (parameters and the feed stay). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (INDArray a : owned) {
            if (a.closeable()) {
                a.close();
            }
        }
        owned.clear();
        tape.clear();
    }

    // ---- bookkeeping ----

    private INDArray own(INDArray a) {
        if (!a.isView()) {
            owned.add(a);
        }
        return a;
    }

    private Tensor leaf(INDArray v, int[] shape, boolean needsGrad) {
        return new Tensor(v, shape, needsGrad, null);
    }

    private Tensor result(String op, INDArray v, int[] shape, Backward back, Tensor... in) {
        boolean needs = false;
        for (Tensor t : in) {
            needs |= t.needsGrad;
        }
        if (!Arrays.equals(v.shape(), Shapes.longs(shape))) {
            v = v.reshape('c', Shapes.longs(shape));
        }
        Tensor out = new Tensor(v, shape, needs, null);
        if (listener != null) {
            long now = System.nanoTime();
            listener.op(op, shapes(in), now - mark, v.length() * v.dataType().width());
            mark = now;
        }
        if (needs) {
            tape.add(new Node(op, out, in, back));
        }
        return out;
    }

    private static String shapes(Tensor[] in) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : in) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Arrays.toString(t.shape).replace(" ", ""));
        }
        return sb.toString();
    }

    private INDArray exec(DynamicCustomOp op) {
        INDArray[] out = Nd4j.exec(op);
        return own(out[0]);
    }

    private INDArray[] execAll(DynamicCustomOp op) {
        INDArray[] out = Nd4j.exec(op);
        for (INDArray a : out) {
            own(a);
        }
        return out;
    }

    // ---- graph boundary ----

    @Override
    public ParamStore params() {
        return params;
    }

    @Override
    public int[] shape(Tensor x) {
        return x.shape.clone();
    }

    private INDArray fed(String name, int[] shape) {
        INDArray a = feed.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no value fed for input " + name + "; fed: " + feed.keySet());
        }
        if (!Arrays.equals(a.shape(), Shapes.longs(shape))) {
            throw new IllegalArgumentException("input " + name + ": expected shape " + Arrays.toString(shape) + ", fed "
                    + Arrays.toString(a.shape()));
        }
        return a;
    }

    @Override
    public Tensor input(String name, int... shape) {
        INDArray a = fed(name, shape);
        INDArray v = a.dataType() == dtype ? a : own(a.castTo(dtype));
        Tensor t = leaf(v, shape, trainableInputs);
        inputTensors.put(name, t);
        return t;
    }

    @Override
    public Tensor indexInput(String name, int... shape) {
        INDArray a = fed(name, shape);
        if (!a.dataType().isIntType()) {
            throw new IllegalArgumentException("input " + name + " must be integer, fed " + a.dataType());
        }
        return leaf(a, shape, false);
    }

    @Override
    public void output(String name, Tensor x) {
        outputs.put(name, x);
    }

    @Override
    public Tensor param(String name, Init init, int... shape) {
        Tensor existing = paramTensors.get(name);
        if (existing != null) {
            if (!Arrays.equals(existing.shape, shape)) {
                throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(existing.shape)
                        + ", asked for " + Arrays.toString(shape));
            }
            return existing;
        }
        INDArray arr = paramArrays.get(name);
        if (arr == null) {
            float[] data = params.getOrCreate(name, shape, init);
            // Parameters outlive the step: never in the step's workspace.
            try (var outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray a = Nd4j.create(data, Shapes.longs(shape), 'c');
                arr = dtype == DataType.FLOAT ? a : a.castTo(dtype);
            }
            paramArrays.put(name, arr);
        } else if (!Arrays.equals(arr.shape(), Shapes.longs(shape))) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(arr.shape())
                    + ", asked for " + Arrays.toString(shape));
        }
        Tensor t = leaf(arr, shape, true);
        paramTensors.put(name, t);
        return t;
    }

    @Override
    public Tensor constant(float[] data, int... shape) {
        INDArray a = own(Nd4j.create(data, Shapes.longs(shape), 'c'));
        return leaf(dtype == DataType.FLOAT ? a : own(a.castTo(dtype)), shape, false);
    }

    /** A one-element constant: arithmetic with it runs as ND4J's scalar ops (no broadcast, no reduction backward). */
    @Override
    public Tensor scalar(float value) {
        return new Tensor(own(Nd4j.scalar(dtype, value).reshape(1)), new int[] {1}, false, value);
    }

    private static Float scalarOf(Tensor x, Tensor other) {
        return other.shape.length >= 1 ? x.scalar : null;
    }

    // ---- arithmetic (numpy broadcasting) ----

    @Override
    public Tensor add(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("add", own(a.value.add(sb)), a.shape, g -> new INDArray[] {g, null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("add", own(b.value.add(sa)), b.shape, g -> new INDArray[] {null, g}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary("add", a, b, out);
        return result("add", v, out, g -> new INDArray[] {a.needsGrad ? sumTo(g, a.shape) : null,
                b.needsGrad ? sumTo(g, b.shape) : null}, a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("sub", own(a.value.sub(sb)), a.shape, g -> new INDArray[] {g, null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("sub", own(b.value.rsub(sa)), b.shape, g -> new INDArray[] {null, own(g.neg())}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary("subtract", a, b, out);
        return result("sub", v, out, g -> new INDArray[] {a.needsGrad ? sumTo(g, a.shape) : null,
                b.needsGrad ? own(sumTo(g, b.shape).neg()) : null}, a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("mul", own(a.value.mul(sb)), a.shape, g -> new INDArray[] {own(g.mul(sb)), null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("mul", own(b.value.mul(sa)), b.shape, g -> new INDArray[] {null, own(g.mul(sa))}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary("multiply", a, b, out);
        return result("mul", v, out, g -> new INDArray[] {
            a.needsGrad ? sumTo(product(g, b.value, out), a.shape) : null,
            b.needsGrad ? sumTo(product(g, a.value, out), b.shape) : null}, a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("div", own(a.value.div(sb)), a.shape, g -> new INDArray[] {own(g.div(sb)), null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            // y = s / b: dy/db = −y / b
            INDArray y = own(b.value.rdiv(sa));
            return result("div", y, b.shape, g -> new INDArray[] {null, own(g.mul(y).divi(b.value).negi())}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary("divide", a, b, out);
        return result("div", v, out, g -> new INDArray[] {
            a.needsGrad ? sumTo(quotient(g, b.value, out), a.shape) : null,
            b.needsGrad ? own(sumTo(quotient(product(g, v, out), b.value, out), b.shape).neg()) : null}, a, b);
    }

    private INDArray binary(String op, Tensor a, Tensor b, int[] out) {
        if (Arrays.equals(a.shape, b.shape)) {
            INDArray x = a.value;
            INDArray y = b.value;
            return own(switch (op) {
                case "add" -> x.add(y);
                case "subtract" -> x.sub(y);
                case "multiply" -> x.mul(y);
                default -> x.div(y);
            });
        }
        long[] o = Shapes.longs(out);
        INDArray x = Arrays.equals(a.value.shape(), o) ? a.value : broadcastTo(a.value, o);
        INDArray y = Arrays.equals(b.value.shape(), o) ? b.value : broadcastTo(b.value, o);
        return own(switch (op) {
            case "add" -> x.add(y);
            case "subtract" -> x.sub(y);
            case "multiply" -> x.mul(y);
            default -> x.div(y);
        });
    }

    /** g · x with x broadcast to g's shape (ND4J's broadcasting multiply was ~20× slower than expand + multiply). */
    private INDArray product(INDArray g, INDArray x, int[] out) {
        return own(g.mul(Arrays.equals(g.shape(), x.shape()) ? x : broadcastTo(x, g.shape())));
    }

    private INDArray quotient(INDArray g, INDArray x, int[] out) {
        return own(g.div(Arrays.equals(g.shape(), x.shape()) ? x : broadcastTo(x, g.shape())));
    }

    /** Ones of the given shape, made once per step. */
    private INDArray ones(long... shape) {
        return ones.computeIfAbsent(Arrays.toString(shape), k -> own(Nd4j.ones(dtype, shape)));
    }

    /** Sums {@code g} down to {@code shape} (the reverse of broadcasting). */
    private INDArray sumTo(INDArray g, int[] shape) {
        long[] target = Shapes.longs(shape);
        if (Arrays.equals(g.shape(), target)) {
            return g;
        }
        return runByRun(contiguous(g), g.shape(), padded(target, g.rank()), true).reshape('c', target);
    }

    /** Broadcasts {@code g} (size 1 on the axes to repeat) to {@code shape}. */
    private INDArray broadcastTo(INDArray g, long[] shape) {
        long[] kept = padded(g.shape(), shape.length);
        return runByRun(contiguous(g).reshape('c', kept), shape, kept, false);
    }

    private static long[] padded(long[] shape, int rank) {
        long[] t = new long[rank];
        Arrays.fill(t, 1);
        System.arraycopy(shape, 0, t, rank - shape.length, shape.length);
        return t;
    }

    /**
     * Sums (or broadcasts) over the axes where {@code kept} is 1 and {@code full} is not, one run
     * of adjacent such axes at a time, viewing the array as [A, R, K] around the run: a matrix
     * product with ones when A or K is 1 (ND4J's broadcasting ops and its reductions over
     * leading axes were 5–20× slower than these products), a batched product with ones for a
     * few A, and ND4J's reduction or tile otherwise.
     */
    private INDArray runByRun(INDArray x, long[] full, long[] kept, boolean sum) {
        long[] cur = (sum ? full : kept).clone();
        INDArray v = x;
        int i = 0;
        while (i < full.length) {
            if (kept[i] != 1 || full[i] == 1) {
                i++;
                continue;
            }
            int j = i;
            long r = 1;
            while (j < full.length && kept[j] == 1) {
                r *= full[j];
                j++;
            }
            long a = 1;
            for (int q = 0; q < i; q++) {
                a *= cur[q];
            }
            long k = 1;
            for (int q = j; q < cur.length; q++) {
                k *= cur[q];
            }
            for (int q = i; q < j; q++) {
                cur[q] = sum ? 1 : full[q];
            }
            INDArray c = contiguous(v);
            if (sum) {
                if (a == 1) {
                    v = own(Nd4j.gemm(c.reshape('c', r, k), ones(r, 1), true, false));
                } else if (k == 1) {
                    v = own(Nd4j.gemm(c.reshape('c', a, r), ones(r, 1), false, false));
                } else if (a <= 256) {
                    v = exec(DynamicCustomOp.builder("matmul").addInputs(ones(a, 1, r), c.reshape('c', a, r, k)).build());
                } else {
                    v = own(c.reshape('c', a, r, k).sum(true, 1));
                }
            } else {
                if (a == 1) {
                    v = own(Nd4j.gemm(ones(r, 1), c.reshape('c', 1, k), false, false));
                } else if (k == 1) {
                    v = own(Nd4j.gemm(c.reshape('c', a, 1), ones(r, 1), false, true));
                } else if (a <= 256) {
                    v = exec(DynamicCustomOp.builder("matmul").addInputs(ones(a, r, 1), c.reshape('c', a, 1, k)).build());
                } else {
                    v = exec(DynamicCustomOp.builder("tile").addInputs(c.reshape('c', a, 1, k))
                            .addIntegerArguments(1, (int) r, 1).build());
                }
            }
            v = v.reshape('c', cur);
            i = j;
        }
        return v;
    }

    // ---- products and shapes ----

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        int[] out = Shapes.matmul(a.shape, b.shape);
        INDArray v = mm(a.value, b.value, false, false);
        return result("matmul", v, out, g -> new INDArray[] {
            a.needsGrad ? mm(g, b.value, false, true) : null,
            b.needsGrad ? mm(a.value, g, true, false) : null}, a, b);
    }

    private INDArray mm(INDArray x, INDArray y, boolean tx, boolean ty) {
        if (x.rank() == 2) {
            return own(Nd4j.gemm(contiguous(x), contiguous(y), tx, ty));
        }
        return exec(DynamicCustomOp.builder("matmul").addInputs(contiguous(x), contiguous(y))
                .addIntegerArguments(tx ? 1 : 0, ty ? 1 : 0).build());
    }

    private INDArray contiguous(INDArray x) {
        return x.ordering() == 'c' && !x.isView() ? x : own(x.dup('c'));
    }

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        int[] out = Shapes.reshape(x.shape, shape);
        INDArray v = x.value.reshape('c', Shapes.longs(out));
        if (v != x.value && !v.isView()) {
            own(v);
        }
        long[] in = Shapes.longs(x.shape);
        return result("reshape", v, out, g -> new INDArray[] {g.reshape('c', in)}, x);
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        int[] out = Shapes.transpose(x.shape, perm);
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        INDArray v = own(x.value.permute(perm).dup('c'));
        return result("transpose", v, out, g -> new INDArray[] {own(g.permute(inverse).dup('c'))}, x);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> xs) {
        int rank = xs.get(0).shape.length;
        int ax = Shapes.axis(axis, rank);
        int[][] shapes = xs.stream().map(v -> v.shape).toArray(int[][]::new);
        int[] out = Shapes.concat(ax, shapes);
        INDArray v = own(Nd4j.concat(ax, xs.stream().map(t -> t.value).toArray(INDArray[]::new)));
        Tensor[] in = xs.toArray(new Tensor[0]);
        return result("concat", v, out, g -> {
            INDArray[] gs = new INDArray[in.length];
            int start = 0;
            for (int i = 0; i < in.length; i++) {
                int end = start + in[i].shape[ax];
                gs[i] = in[i].needsGrad ? own(g.get(range(rank, ax, start, end)).dup('c')) : null;
                start = end;
            }
            return gs;
        }, in);
    }

    private static INDArrayIndex[] range(int rank, int axis, int start, int end) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
        }
        return idx;
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        int rank = x.shape.length;
        int ax = Shapes.axis(axis, rank);
        int[] out = Shapes.slice(x.shape, ax, start, end);
        INDArray v = own(x.value.get(range(rank, ax, start, end)).dup('c'));
        return result("slice", v, out, g -> {
            INDArray full = own(Nd4j.zeros(dtype, Shapes.longs(x.shape)));
            full.get(range(rank, ax, start, end)).assign(g);
            return new INDArray[] {full};
        }, x);
    }

    @Override
    public Tensor flip(Tensor x, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        INDArray v = reverse(x.value, ax);
        return result("flip", v, x.shape, g -> new INDArray[] {reverse(g, ax)}, x);
    }

    private INDArray reverse(INDArray x, int[] axes) {
        return exec(DynamicCustomOp.builder("reverse").addInputs(contiguous(x)).addIntegerArguments(axes).build());
    }

    @Override
    public Tensor reduceMean(Tensor x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        int[] out = Shapes.reduce(x.shape, keepDims, ax);
        long count = 1;
        for (int a : ax) {
            count *= x.shape[a];
        }
        double scale = 1.0 / count;
        INDArray v = own(x.value.mean(keepDims, ax));
        return result("reduceMean", v, out, g -> new INDArray[] {expand(own(g.mul(scale)), x.shape, ax)}, x);
    }

    @Override
    public Tensor reduceSum(Tensor x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        int[] out = Shapes.reduce(x.shape, keepDims, ax);
        INDArray v = own(x.value.sum(keepDims, ax));
        return result("reduceSum", v, out, g -> new INDArray[] {expand(g, x.shape, ax)}, x);
    }

    /** Broadcasts a reduction's gradient back over the reduced axes. */
    private INDArray expand(INDArray g, int[] shape, int[] axes) {
        long[] keep = Shapes.longs(Shapes.reduce(shape, true, axes));
        return broadcastTo(contiguous(g).reshape('c', keep), Shapes.longs(shape));
    }

    // ---- element-wise ----

    @Override
    public Tensor sqrt(Tensor x) {
        INDArray y = own(Transforms.sqrt(x.value, true));
        return result("sqrt", y, x.shape, g -> new INDArray[] {own(g.mul(0.5).divi(y))}, x);
    }

    @Override
    public Tensor rsqrt(Tensor x) {
        INDArray y = own(Nd4j.exec(new RSqrt(x.value, x.value.ulike())));
        // d/dx x^(−1/2) = −½ y³
        return result("rsqrt", y, x.shape, g -> new INDArray[] {own(g.mul(y).muli(y).muli(y).muli(-0.5))}, x);
    }

    @Override
    public Tensor exp(Tensor x) {
        INDArray y = own(Transforms.exp(x.value, true));
        return result("exp", y, x.shape, g -> new INDArray[] {own(g.mul(y))}, x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        INDArray y = own(Transforms.tanh(x.value, true));
        return result("tanh", y, x.shape, g -> new INDArray[] {own(y.mul(y).rsubi(1.0).muli(g))}, x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        INDArray y = own(Transforms.sigmoid(x.value, true));
        return result("sigmoid", y, x.shape, g -> new INDArray[] {own(y.rsub(1.0).muli(y).muli(g))}, x);
    }

    @Override
    public Tensor erf(Tensor x) {
        INDArray y = own(Nd4j.exec(new Erf(x.value, x.value.ulike())));
        double c = 2.0 / Math.sqrt(Math.PI);
        return result("erf", y, x.shape, g -> {
            INDArray d = own(x.value.mul(x.value).negi());
            Transforms.exp(d, false);
            return new INDArray[] {d.muli(g).muli(c)};
        }, x);
    }

    @Override
    public Tensor relu(Tensor x) {
        INDArray y = own(Transforms.relu(x.value, true));
        return result("relu", y, x.shape, g -> new INDArray[] {own(positive(x.value).muli(g))}, x);
    }

    /** 1 where x &gt; 0, else 0, in the step's type. */
    private INDArray positive(INDArray x) {
        return own(x.gt(0.0).castTo(dtype));
    }

    @Override
    public Tensor elu(Tensor x) {
        INDArray y = own(Transforms.elu(x.value, true));
        // d/dx = 1 for x > 0, exp(x) = y + 1 otherwise
        return result("elu", y, x.shape, g -> {
            INDArray pos = positive(x.value);
            INDArray d = own(y.add(1.0));
            // d·(1 − pos) + pos
            d.muli(own(pos.rsub(1.0))).addi(pos);
            return new INDArray[] {d.muli(g)};
        }, x);
    }

    @Override
    public Tensor softmax(Tensor x) {
        int last = x.shape.length - 1;
        INDArray y = own(Nd4j.exec((DynamicCustomOp) new SoftMax(contiguous(x.value), x.value.ulike(), last))[0]);
        return result("softmax", y, x.shape, g -> {
            INDArray s = own(g.mul(y).sum(true, last));
            INDArray d = exec(DynamicCustomOp.builder("subtract").addInputs(g, s).build());
            return new INDArray[] {d.muli(y)};
        }, x);
    }

    @Override
    public Tensor log(Tensor x) {
        INDArray y = own(Transforms.log(x.value, true));
        return result("log", y, x.shape, g -> new INDArray[] {own(g.div(x.value))}, x);
    }

    @Override
    public Tensor logSoftmax(Tensor x) {
        int[] s = x.shape;
        long cols = s[s.length - 1];
        INDArray rows = contiguous(x.value).reshape('c', x.value.length() / cols, cols);
        INDArray y = own(Nd4j.exec((DynamicCustomOp) new LogSoftMax(rows, rows.ulike()))[0]);
        return result("logSoftmax", y, s, g -> {
            // d/dx = g − softmax · Σ g
            INDArray g2 = contiguous(g).reshape('c', y.shape());
            INDArray p = own(Transforms.exp(y, true));
            INDArray sum = own(g2.sum(true, 1));
            INDArray d = exec(DynamicCustomOp.builder("multiply").addInputs(p, sum).build());
            return new INDArray[] {own(g2.sub(d))};
        }, x);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int stride, int pad) {
        int[] out = Shapes.conv2d(x.shape, kernel.shape, stride, pad);
        Conv2DConfig cfg = Conv2DConfig.builder()
                .kH(kernel.shape[0]).kW(kernel.shape[1])
                .sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO)
                .build();
        INDArray xv = contiguous(x.value);
        INDArray kv = contiguous(kernel.value);
        Conv2D op = new Conv2D(xv, kv, null, cfg);
        int[] iArgs = Arrays.stream(op.iArgs()).mapToInt(Math::toIntExact).toArray();
        INDArray v = exec(op);
        return result("conv2d", v, out, g -> {
            INDArray[] gs = execAll(DynamicCustomOp.builder("conv2d_bp").addInputs(xv, kv, contiguous(g))
                    .addIntegerArguments(iArgs).build());
            return new INDArray[] {x.needsGrad ? gs[0] : null, kernel.needsGrad ? gs[1] : null};
        }, x, kernel);
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        INDArray v = own(Nd4j.exec(new OneHot(indices.value, depth, -1, 1.0, 0.0, dtype))[0]);
        return leaf(v, Shapes.append(indices.shape, depth), false);
    }

    @Override
    public Tensor byteInput(String name, int... shape) {
        INDArray a = fed(name, shape);
        return leaf(own(a.castTo(dtype)), shape, false);
    }

    @Override
    public void byteOutput(String name, Tensor x) {
        Tensor r = floor(add(clamp(x, 0f, 255f), scalar(0.5f)));
        outputs.put(name, leaf(own(r.value.castTo(DataType.UINT8)), x.shape, false));
    }

    @Override
    public void indexOutput(String name, Tensor indices) {
        outputs.put(name, leaf(own(indices.value.castTo(DataType.LONG)), indices.shape, false));
    }

    @Override
    public Tensor argminLast(Tensor x) {
        int last = x.shape.length - 1;
        INDArray v = own(Nd4j.exec(new ArgMin(new INDArray[] {contiguous(x.value)}, false, new int[] {last}))[0]);
        return leaf(v, Shapes.reduce(x.shape, false, new int[] {last}), false);
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return leaf(x.value, x.shape, false);
    }

    @Override
    public Tensor clamp(Tensor x, float lo, float hi) {
        INDArray y = own(Nd4j.exec(new ClipByValue(x.value, lo, hi))[0]);
        return result("clamp", y, x.shape, g -> {
            INDArray inside = own(x.value.gte(lo).castTo(dtype).muli(own(x.value.lte(hi).castTo(dtype))));
            return new INDArray[] {inside.muli(g)};
        }, x);
    }

    @Override
    public Tensor floor(Tensor x) {
        return leaf(own(Transforms.floor(x.value, true)), x.shape, false);
    }
}
