package org.tecoplatform.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMin;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lowers {@link Ops} to eager ND4J computation with a reverse-mode tape: the training back end.
 * Every op runs as soon as the network calls it; ops that a parameter (or a trainable input)
 * reaches record how to send gradients back, and {@link #backward} walks that record in reverse.
 * One instance is one step: build the network on it, call {@link #backward}, read
 * {@link #gradients}, then {@link #close} hands every array the step made back to its
 * {@link ArrayPool}.
 *
 * <p>Why not SameDiff's executor: on TECO's step its per-op bookkeeping cost a quarter of the
 * time, and its backward pass of broadcast products (a per-channel scale or bias) reduced over
 * strided axes at a few hundred MFLOP/s; ND4J's broadcasting arithmetic was 5–20× slower than
 * the same work as a product with ones, which is how reductions and broadcasts run here.
 * Gradients are computed only for the inputs that need one.
 *
 * <p>Memory: every array comes from the pool, written by ops with explicit outputs. During
 * {@link #backward}, the arrays made in the forward pass of the op just differentiated (and
 * the backward temporaries no gradient refers to) go back to the pool at once: no earlier op
 * can refer to them, so the step's peak is the forward activations plus the live gradients,
 * as in PyTorch. Outputs stay until {@link #close}.
 *
 * <p>SameDiffOps stays the reference: the tests hold both back ends' gradients equal.
 */
public final class EagerOps implements Ops<EagerOps.Tensor>, AutoCloseable {

    /** A value of the step, with its static shape and, after {@link #backward}, its gradient. */
    public static final class Tensor {
        private INDArray value;
        private final int[] shape;
        private final boolean needsGrad;
        private final Float scalar;
        /** A one-hot not made yet: its indices (shape without the last axis) and depth; see {@link #oneHot}. */
        private final INDArray oneHotIds;
        private final int depth;
        private INDArray grad;

        private Tensor(INDArray value, int[] shape, boolean needsGrad, Float scalar) {
            this(value, shape, needsGrad, scalar, null, 0);
        }

        private Tensor(INDArray value, int[] shape, boolean needsGrad, Float scalar, INDArray oneHotIds, int depth) {
            this.value = value;
            this.shape = shape.clone();
            this.needsGrad = needsGrad;
            this.scalar = scalar;
            this.oneHotIds = oneHotIds;
            this.depth = depth;
        }
    }

    /** Gradients of a node's inputs (null where an input needs none) from the gradient of its output. */
    private interface Backward {
        INDArray[] apply(INDArray g);
    }

    /** A recorded op; {@code allocFrom..allocTo} are the indices in {@link #owned} of the arrays its forward pass made. */
    private record Node(String op, Tensor out, Tensor[] in, Backward back, int allocFrom, int allocTo) {
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
    private final ArrayPool pool;
    /** False in a {@link #rowwise} chunk's forward pass: nothing is recorded, the output is all that is kept. */
    private final boolean recording;
    private final Map<String, Tensor> paramTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> inputTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> outputs = new LinkedHashMap<>();
    private final List<Node> tape = new ArrayList<>();
    /** Every pool array this step took, in order; null once handed back. */
    private final List<INDArray> owned = new ArrayList<>();
    private final Map<DataBuffer, Integer> ownedIndex = new IdentityHashMap<>();
    private final Map<DataBuffer, Boolean> pinned = new IdentityHashMap<>();
    /** How many tensors' gradients refer to each buffer (a gradient may be another's, or a view of it). */
    private final Map<DataBuffer, Integer> gradRefs = new IdentityHashMap<>();
    private final Map<String, INDArray> ones = new HashMap<>();
    private final List<INDArray> cached = new ArrayList<>();
    private int recordedUpTo;
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
     * @param pool        where the step's arrays come from and go back to (keep one across steps)
     */
    public EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype,
            ArrayPool pool) {
        this(params, paramArrays, feed, dtype, pool, false);
    }

    /** A step with its own pool (tests, one-off steps). */
    public EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype) {
        this(params, paramArrays, feed, dtype, new ArrayPool(), false);
    }

    /** With {@code trainableInputs}, float inputs get gradients too ({@link #inputGradient}), for gradient checks. */
    public EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype,
            ArrayPool pool, boolean trainableInputs) {
        this(params, paramArrays, feed, dtype, pool, trainableInputs, true);
    }

    private EagerOps(ParamStore params, Map<String, INDArray> paramArrays, Map<String, INDArray> feed, DataType dtype,
            ArrayPool pool, boolean trainableInputs, boolean recording) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double, not " + dtype);
        }
        this.params = params;
        this.paramArrays = paramArrays;
        this.feed = feed;
        this.dtype = dtype;
        this.pool = pool;
        this.trainableInputs = trainableInputs;
        this.recording = recording;
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
        return val(t);
    }

    /** The parameters the step read, by name, in first-use order. */
    public List<String> parametersUsed() {
        return new ArrayList<>(paramTensors.keySet());
    }

    // ---- backward ----

    /**
     * Back-propagates from the named scalar output: afterwards {@link #gradients} and
     * {@link #inputGradient} hold d output / d parameter and d output / d input. Intermediate
     * values go back to the pool as it goes: call once per step.
     */
    public void backward(String output) {
        Tensor loss = outputs.get(output);
        if (loss == null) {
            throw new IllegalArgumentException("no output " + output + "; declared: " + outputs.keySet());
        }
        if (val(loss).length() != 1) {
            throw new IllegalArgumentException("output " + output + " is not a scalar: " + Arrays.toString(loss.shape));
        }
        backward(loss, alloc(val(loss).shape()).assign(1.0));
    }

    /** Back-propagates {@code seed} = d(something) / d{@code out} (an array of this step, {@code out}'s shape). */
    private void backward(Tensor out, INDArray seed) {
        out.grad = seed;
        ref(seed, 1);
        for (int i = tape.size() - 1; i >= 0; i--) {
            Node n = tape.get(i);
            INDArray g = n.out.grad;
            if (g != null) {
                long t0 = listener == null ? 0 : System.nanoTime();
                int from = owned.size();
                INDArray[] gs = n.back.apply(g);
                long bytes = 0;
                for (int j = 0; j < n.in.length; j++) {
                    Tensor in = n.in[j];
                    if (in.needsGrad && gs[j] != null) {
                        accumulate(in, gs[j]);
                        bytes += gs[j].length() * gs[j].dataType().width();
                    }
                }
                n.out.grad = null;
                ref(g, -1);
                // backward temporaries no gradient refers to, and g itself once nothing refers to it
                for (int k = from; k < owned.size(); k++) {
                    INDArray a = owned.get(k);
                    if (a != null && !gradRefs.containsKey(ArrayPool.base(a))) {
                        handBack(k);
                    }
                }
                if (listener != null) {
                    listener.op(n.op + "_bp", shapes(n.in), System.nanoTime() - t0, bytes);
                }
            }
            // Nothing earlier in the tape can refer to what this op's forward pass made.
            for (int k = n.allocFrom; k < n.allocTo; k++) {
                INDArray a = owned.get(k);
                if (a != null && !pinned.containsKey(ArrayPool.base(a)) && !gradRefs.containsKey(ArrayPool.base(a))) {
                    handBack(k);
                }
            }
        }
    }

    private void accumulate(Tensor t, INDArray g) {
        if (g.length() != val(t).length()) {
            throw new IllegalStateException("gradient of " + g.length() + " values for a tensor of shape "
                    + Arrays.toString(t.shape));
        }
        INDArray shaped = Arrays.equals(g.shape(), val(t).shape()) ? g : contiguous(g).reshape('c', val(t).shape());
        if (t.grad == null) {
            t.grad = shaped;
            ref(shaped, 1);
        } else {
            // Never in place: the first gradient may be a view shared with another tensor's.
            INDArray sum = t.grad.add(shaped, alloc(val(t).shape()));
            ref(t.grad, -1);
            t.grad = sum;
            ref(sum, 1);
        }
    }

    /** Counts a gradient's reference to its buffer; the buffer goes back to the pool when none is left. */
    private void ref(INDArray a, int delta) {
        DataBuffer b = ArrayPool.base(a);
        int n = gradRefs.getOrDefault(b, 0) + delta;
        if (n > 0) {
            gradRefs.put(b, n);
            return;
        }
        gradRefs.remove(b);
        Integer k = ownedIndex.get(b);
        if (k != null && !pinned.containsKey(b)) {
            handBack(k);
        }
    }

    /** d output / d parameter for every parameter the step read (zeros where the output does not depend on it). */
    public Map<String, INDArray> gradients() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        paramTensors.forEach((name, t) -> out.put(name, t.grad != null ? t.grad : alloc(val(t).shape()).assign(0)));
        return out;
    }

    /** d output / d input for a float input of a step built with trainable inputs. */
    public INDArray inputGradient(String name) {
        Tensor t = inputTensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no input " + name);
        }
        return t.grad != null ? t.grad : alloc(val(t).shape()).assign(0);
    }

    /** Hands every array this step made back to the pool (parameters and the feed stay). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int k = 0; k < owned.size(); k++) {
            if (owned.get(k) != null) {
                handBack(k);
            }
        }
        cached.forEach(pool::give);
        cached.clear();
        owned.clear();
        ownedIndex.clear();
        tape.clear();
    }

    // ---- bookkeeping ----

    /** A new c-ordered array of the step's type from the pool (contents undefined). */
    private INDArray alloc(long... shape) {
        return alloc(dtype, shape);
    }

    private INDArray alloc(DataType type, long... shape) {
        INDArray a = pool.take(type, shape);
        ownedIndex.put(ArrayPool.base(a), owned.size());
        owned.add(a);
        return a;
    }

    private INDArray alloc(int[] shape) {
        return alloc(Shapes.longs(shape));
    }

    private void handBack(int k) {
        INDArray a = owned.get(k);
        ownedIndex.remove(ArrayPool.base(a));
        pool.give(a);
        owned.set(k, null);
    }

    /** The value of {@code t}, making a deferred one-hot now. */
    private INDArray val(Tensor t) {
        if (t.value == null) {
            INDArray v = alloc(t.shape);
            Nd4j.exec(new OneHot(t.oneHotIds, v, t.depth));
            t.value = v;
        }
        return t.value;
    }

    /** The value of an output (valid until the step is closed). */
    public INDArray value(Tensor t) {
        return val(t);
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
        needs &= recording;
        Tensor out = new Tensor(v, shape, needs, null);
        if (listener != null) {
            long now = System.nanoTime();
            listener.op(op, shapes(in), now - mark, v.length() * v.dataType().width());
            mark = now;
        }
        if (needs) {
            tape.add(new Node(op, out, in, back, recordedUpTo, owned.size()));
            recordedUpTo = owned.size();
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

    private INDArray contiguous(INDArray x) {
        // Not isView(): a pool array over a slightly larger buffer counts as a view, yet is dense.
        return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) ? x : alloc(x.dataType(), x.shape()).assign(x);
    }

    /** Ones of the given shape, made once per step. */
    private INDArray ones(long... shape) {
        return ones.computeIfAbsent(Arrays.toString(shape), k -> {
            INDArray a = pool.take(dtype, shape).assign(1.0);
            cached.add(a);
            return a;
        });
    }

    private INDArray exec(DynamicCustomOp op) {
        Nd4j.exec(op);
        return op.getOutputArgument(0);
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
        INDArray v = a.dataType() == dtype ? a : alloc(shape).assign(a);
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
        pinned.put(ArrayPool.base(val(x)), Boolean.TRUE);
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
            // Parameters outlive the step: never in a workspace or the pool.
            try (var outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray a = Nd4j.create(data, Shapes.longs(shape), 'c');
                arr = dtype == DataType.FLOAT ? a : a.castTo(dtype);
            }
            paramArrays.put(name, arr);
            params.handedOver(name);
        } else if (!Arrays.equals(arr.shape(), Shapes.longs(shape))) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(arr.shape())
                    + ", asked for " + Arrays.toString(shape));
        }
        Tensor t = leaf(arr, shape, recording);
        paramTensors.put(name, t);
        return t;
    }

    @Override
    public Tensor constant(float[] data, int... shape) {
        INDArray a = alloc(shape);
        if (dtype == DataType.FLOAT) {
            a.data().setData(data);
        } else {
            a.assign(Nd4j.create(data, Shapes.longs(shape), 'c'));
        }
        return leaf(a, shape, false);
    }

    /** A one-element constant: arithmetic with it runs as ND4J's scalar ops (no broadcast, no reduction backward). */
    @Override
    public Tensor scalar(float value) {
        return new Tensor(alloc(1).assign(value), new int[] {1}, false, value);
    }

    private static Float scalarOf(Tensor x, Tensor other) {
        return other.shape.length >= 1 ? x.scalar : null;
    }

    // ---- arithmetic (numpy broadcasting) ----

    @Override
    public Tensor add(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("add", val(a).add(sb, alloc(a.shape)), a.shape, g -> new INDArray[] {g, null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("add", val(b).add(sa, alloc(b.shape)), b.shape, g -> new INDArray[] {null, g}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary('+', val(a), val(b), out);
        return result("add", v, out, g -> new INDArray[] {a.needsGrad ? sumTo(g, a.shape) : null,
                b.needsGrad ? sumTo(g, b.shape) : null}, a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("sub", val(a).sub(sb, alloc(a.shape)), a.shape, g -> new INDArray[] {g, null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("sub", val(b).rsub(sa, alloc(b.shape)), b.shape,
                    g -> new INDArray[] {null, g.mul(-1.0, alloc(g.shape()))}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary('-', val(a), val(b), out);
        return result("sub", v, out, g -> new INDArray[] {a.needsGrad ? sumTo(g, a.shape) : null,
                b.needsGrad ? negate(sumTo(g, b.shape)) : null}, a, b);
    }

    private INDArray negate(INDArray x) {
        return x.mul(-1.0, alloc(x.shape()));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("mul", val(a).mul(sb, alloc(a.shape)), a.shape,
                    g -> new INDArray[] {g.mul(sb, alloc(g.shape())), null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            return result("mul", val(b).mul(sa, alloc(b.shape)), b.shape,
                    g -> new INDArray[] {null, g.mul(sa, alloc(g.shape()))}, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary('*', val(a), val(b), out);
        return result("mul", v, out, g -> new INDArray[] {
            a.needsGrad ? sumTo(binary('*', g, val(b), out), a.shape) : null,
            b.needsGrad ? sumTo(binary('*', g, val(a), out), b.shape) : null}, a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        Float sb = scalarOf(b, a);
        if (sb != null) {
            return result("div", val(a).div(sb, alloc(a.shape)), a.shape,
                    g -> new INDArray[] {g.div(sb, alloc(g.shape())), null}, a, b);
        }
        Float sa = scalarOf(a, b);
        if (sa != null) {
            // y = s / b: dy/db = −y / b
            INDArray y = val(b).rdiv(sa, alloc(b.shape));
            return result("div", y, b.shape, g -> {
                INDArray d = g.mul(y, alloc(g.shape()));
                return new INDArray[] {null, d.divi(val(b)).muli(-1.0)};
            }, a, b);
        }
        int[] out = Shapes.broadcast(a.shape, b.shape);
        INDArray v = binary('/', val(a), val(b), out);
        return result("div", v, out, g -> new INDArray[] {
            a.needsGrad ? sumTo(binary('/', g, val(b), out), a.shape) : null,
            b.needsGrad ? negate(sumTo(binary('/', binary('*', g, v, out), val(b), out), b.shape)) : null}, a, b);
    }

    /**
     * x ∘ y with numpy broadcasting to {@code out}: operands are first broadcast to the full shape
     * with products of ones, then combined element-wise (ND4J's broadcasting arithmetic was ~20×
     * slower than expand + element-wise).
     */
    private INDArray binary(char op, INDArray x, INDArray y, int[] out) {
        long[] o = Shapes.longs(out);
        INDArray a = Arrays.equals(x.shape(), o) ? x : broadcastTo(x, o);
        INDArray b = Arrays.equals(y.shape(), o) ? y : broadcastTo(y, o);
        INDArray z = alloc(o);
        switch (op) {
            case '+' -> a.add(b, z);
            case '-' -> a.sub(b, z);
            case '*' -> a.mul(b, z);
            default -> a.div(b, z);
        }
        // The expanded operands are not kept: a backward pass expands again from the inputs. An
        // "expansion" that changed only the rank ([] to [1]) is a view of the operand itself: never dropped.
        if (a != x && ArrayPool.base(a) != ArrayPool.base(x)) {
            drop(a);
        }
        if (b != y && ArrayPool.base(b) != ArrayPool.base(y)) {
            drop(b);
        }
        return z;
    }

    /** Hands a temporary this step just made (not a view of anything else) back to the pool now. */
    private void drop(INDArray a) {
        Integer k = ownedIndex.get(ArrayPool.base(a));
        if (k != null) {
            handBack(k);
        }
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
        boolean fresh = false;   // v is this call's own intermediate
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
            INDArray before = v;
            if (sum) {
                if (a == 1) {
                    v = Nd4j.gemm(c.reshape('c', r, k), ones(r, 1), alloc(k, 1), true, false, 1.0, 0.0);
                } else if (k == 1) {
                    v = Nd4j.gemm(c.reshape('c', a, r), ones(r, 1), alloc(a, 1), false, false, 1.0, 0.0);
                } else if (a <= 256) {
                    v = exec(DynamicCustomOp.builder("matmul").addInputs(ones(a, 1, r), c.reshape('c', a, r, k))
                            .addOutputs(alloc(a, 1, k)).build());
                } else {
                    INDArray z = alloc(a, 1, k);
                    Nd4j.exec(new Sum(c.reshape('c', a, r, k), z, true, 1));
                    v = z;
                }
            } else {
                if (a == 1) {
                    v = Nd4j.gemm(ones(r, 1), c.reshape('c', 1, k), alloc(r, k), false, false, 1.0, 0.0);
                } else if (k == 1) {
                    v = Nd4j.gemm(c.reshape('c', a, 1), ones(r, 1), alloc(a, r), false, true, 1.0, 0.0);
                } else if (a <= 256) {
                    v = exec(DynamicCustomOp.builder("matmul").addInputs(ones(a, r, 1), c.reshape('c', a, 1, k))
                            .addOutputs(alloc(a, r, k)).build());
                } else {
                    // r strided copies (a 2×2 pool's backward: r = 2); ND4J's tile was ~10× slower
                    INDArray o = alloc(a, r, k);
                    INDArray src = c.reshape('c', a, k);
                    for (long q = 0; q < r; q++) {
                        o.get(NDArrayIndex.all(), NDArrayIndex.point(q), NDArrayIndex.all()).assign(src);
                    }
                    v = o;
                }
            }
            if (c != before) {
                drop(c);
            }
            if (fresh) {
                drop(before);
            }
            v = v.reshape('c', cur);
            fresh = true;
            i = j;
        }
        return v;
    }

    // ---- products and shapes ----

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        int[] out = Shapes.matmul(a.shape, b.shape);
        if (a.value == null && a.shape.length == 2 && b.shape.length == 2 && inRange(a.oneHotIds, a.depth)) {
            return lookUp(a, b, out);
        }
        INDArray v = mm(val(a), val(b), false, false, out);
        return result("matmul", v, out, g -> new INDArray[] {
            a.needsGrad ? mm(g, val(b), false, true, a.shape) : null,
            b.needsGrad ? mm(val(a), g, true, false, b.shape) : null}, a, b);
    }

    private static boolean inRange(INDArray ids, int depth) {
        return ids.length() == 0 || (ids.minNumber().longValue() >= 0 && ids.maxNumber().longValue() < depth);
    }

    /**
     * one-hot(ids) · table as rows of the table (a gather). The table's gradient is
     * one-hot(ids)ᵀ · g with the one-hot made for that product only: ND4J's segment sum gave wrong
     * sums on some inputs (measured against this product), and a product sums in a fixed order,
     * so a resumed run stays bit-identical.
     */
    private Tensor lookUp(Tensor oneHot, Tensor table, int[] out) {
        INDArray ids = oneHot.oneHotIds.reshape('c', new long[] {oneHot.oneHotIds.length()});
        INDArray v = alloc(out);
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(val(table), ids).addIntegerArguments(0).addOutputs(v).build());
        return result("lookUp", v, out, g -> {
            // A one-hot of its own: the tensor's (if another op made it later) may already be back in the pool.
            INDArray oh = alloc(oneHot.shape);
            Nd4j.exec(new OneHot(ids, oh, oneHot.depth));
            return new INDArray[] {null, mm(oh, g, true, false, table.shape)};
        }, oneHot, table);
    }

    private INDArray mm(INDArray x, INDArray y, boolean tx, boolean ty, int[] out) {
        INDArray z = alloc(out);
        if (x.rank() == 2) {
            return Nd4j.gemm(contiguous(x), contiguous(y), z, tx, ty, 1.0, 0.0);
        }
        return exec(DynamicCustomOp.builder("matmul").addInputs(contiguous(x), contiguous(y))
                .addIntegerArguments(tx ? 1 : 0, ty ? 1 : 0).addOutputs(z).build());
    }

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        int[] out = Shapes.reshape(x.shape, shape);
        if (x.value == null && out[out.length - 1] == x.depth) {
            long[] ids = Shapes.longs(Arrays.copyOf(out, out.length - 1));
            return new Tensor(null, out, false, null, x.oneHotIds.reshape('c', ids), x.depth);
        }
        INDArray v = contiguous(val(x)).reshape('c', Shapes.longs(out));
        long[] in = Shapes.longs(x.shape);
        return result("reshape", v, out, g -> new INDArray[] {contiguous(g).reshape('c', in)}, x);
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        int[] out = Shapes.transpose(x.shape, perm);
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        INDArray v = alloc(out).assign(val(x).permute(perm));
        return result("transpose", v, out, g -> new INDArray[] {alloc(x.shape).assign(g.permute(inverse))}, x);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> xs) {
        int rank = xs.get(0).shape.length;
        int ax = Shapes.axis(axis, rank);
        int[][] shapes = xs.stream().map(v -> v.shape).toArray(int[][]::new);
        int[] out = Shapes.concat(ax, shapes);
        INDArray v = alloc(out);
        int at = 0;
        for (Tensor t : xs) {
            v.get(range(rank, ax, at, at + t.shape[ax])).assign(val(t));
            at += t.shape[ax];
        }
        Tensor[] in = xs.toArray(new Tensor[0]);
        return result("concat", v, out, g -> {
            INDArray[] gs = new INDArray[in.length];
            int start = 0;
            for (int i = 0; i < in.length; i++) {
                int end = start + in[i].shape[ax];
                gs[i] = in[i].needsGrad ? alloc(in[i].shape).assign(g.get(range(rank, ax, start, end))) : null;
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
        INDArray v = alloc(out).assign(val(x).get(range(rank, ax, start, end)));
        return result("slice", v, out, g -> {
            INDArray full = alloc(x.shape).assign(0);
            full.get(range(rank, ax, start, end)).assign(g);
            return new INDArray[] {full};
        }, x);
    }

    @Override
    public Tensor flip(Tensor x, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        INDArray v = reverse(val(x), ax);
        return result("flip", v, x.shape, g -> new INDArray[] {reverse(g, ax)}, x);
    }

    private INDArray reverse(INDArray x, int[] axes) {
        INDArray z = alloc(x.shape());
        Nd4j.exec(new Reverse(contiguous(x), z, axes));
        return z;
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
        INDArray v = alloc(Shapes.reduce(x.shape, true, ax));
        Nd4j.exec(new Mean(contiguous(val(x)), v, true, ax));
        return result("reduceMean", v, out, g -> new INDArray[] {expand(g.mul(scale, alloc(g.shape())), x.shape, ax)}, x);
    }

    @Override
    public Tensor reduceSum(Tensor x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        int[] out = Shapes.reduce(x.shape, keepDims, ax);
        INDArray v = alloc(Shapes.reduce(x.shape, true, ax));
        Nd4j.exec(new Sum(contiguous(val(x)), v, true, ax));
        return result("reduceSum", v, out, g -> new INDArray[] {expand(g, x.shape, ax)}, x);
    }

    /** Broadcasts a reduction's gradient back over the reduced axes. */
    private INDArray expand(INDArray g, int[] shape, int[] axes) {
        long[] keep = Shapes.longs(Shapes.reduce(shape, true, axes));
        return broadcastTo(contiguous(g).reshape('c', keep), Shapes.longs(shape));
    }

    // ---- element-wise ----

    private INDArray like(INDArray x) {
        return alloc(x.shape());
    }

    @Override
    public Tensor sqrt(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Sqrt(val(x), y));
        return result("sqrt", y, x.shape, g -> new INDArray[] {g.mul(0.5, like(g)).divi(y)}, x);
    }

    @Override
    public Tensor rsqrt(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new RSqrt(val(x), y));
        // d/dx x^(−1/2) = −½ y³
        return result("rsqrt", y, x.shape, g -> new INDArray[] {g.mul(y, like(g)).muli(y).muli(y).muli(-0.5)}, x);
    }

    @Override
    public Tensor exp(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Exp(val(x), y));
        return result("exp", y, x.shape, g -> new INDArray[] {g.mul(y, like(g))}, x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Tanh(val(x), y));
        return result("tanh", y, x.shape, g -> new INDArray[] {y.mul(y, like(g)).rsubi(1.0).muli(g)}, x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Sigmoid(val(x), y));
        return result("sigmoid", y, x.shape, g -> new INDArray[] {y.rsub(1.0, like(g)).muli(y).muli(g)}, x);
    }

    @Override
    public Tensor erf(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Erf(val(x), y));
        double c = 2.0 / Math.sqrt(Math.PI);
        return result("erf", y, x.shape, g -> {
            INDArray d = val(x).mul(val(x), like(g)).muli(-1.0);
            Nd4j.exec(new Exp(d, d));
            return new INDArray[] {d.muli(g).muli(c)};
        }, x);
    }

    @Override
    public Tensor relu(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new RectifiedLinear(val(x), y));
        return result("relu", y, x.shape, g -> new INDArray[] {g.mul(positive(val(x)), like(g))}, x);
    }

    /** 1 where x &gt; 0, else 0, in the step's type. */
    private INDArray positive(INDArray x) {
        INDArray m = like(x);
        Nd4j.exec(new RectifiedLinear(x, m));
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.same.Sign(m, m));
        return m;
    }

    @Override
    public Tensor elu(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new ELU(val(x), y));
        // d/dx = 1 for x > 0, exp(x) otherwise: libnd4j's elu_bp in one pass
        return result("elu", y, x.shape, g -> {
            INDArray d = like(g);
            Nd4j.exec(DynamicCustomOp.builder("elu_bp").addInputs(contiguous(val(x)), contiguous(g)).addOutputs(d)
                    .addFloatingPointArguments(1.0).build());
            return new INDArray[] {d};
        }, x);
    }

    @Override
    public Tensor softmax(Tensor x) {
        int last = x.shape.length - 1;
        INDArray y = like(val(x));
        Nd4j.exec((DynamicCustomOp) new SoftMax(contiguous(val(x)), y, last));
        return result("softmax", y, x.shape, g -> {
            INDArray gy = g.mul(y, like(g));
            INDArray s = alloc(Shapes.reduce(x.shape, true, new int[] {last}));
            Nd4j.exec(new Sum(gy, s, true, last));
            INDArray d = binary('-', g, s, x.shape);
            return new INDArray[] {d.muli(y)};
        }, x);
    }

    @Override
    public Tensor log(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Log(val(x), y));
        return result("log", y, x.shape, g -> new INDArray[] {g.div(val(x), like(g))}, x);
    }

    @Override
    public Tensor logSoftmax(Tensor x) {
        int[] s = x.shape;
        long cols = s[s.length - 1];
        long rowsN = val(x).length() / cols;
        INDArray rows = contiguous(val(x)).reshape('c', rowsN, cols);
        INDArray y = alloc(rowsN, cols);
        Nd4j.exec((DynamicCustomOp) new LogSoftMax(rows, y));
        return result("logSoftmax", y, s, g -> {
            // d/dx = g − softmax · Σ g
            INDArray g2 = contiguous(g).reshape('c', rowsN, cols);
            INDArray p = alloc(rowsN, cols);
            Nd4j.exec(new Exp(y.reshape('c', rowsN, cols), p));
            INDArray sum = alloc(rowsN, 1);
            Nd4j.exec(new Sum(g2, sum, true, 1));
            INDArray sp = binary('*', p, sum, new int[] {(int) rowsN, (int) cols});
            return new INDArray[] {g2.sub(sp, alloc(rowsN, cols))};
        }, x);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor kernel, int stride, int pad) {
        int[] out = Shapes.conv2d(x.shape, kernel.shape, stride, pad);
        Conv2DConfig cfg = SameDiffOps.conv2dConfig(kernel.shape, stride, pad);
        INDArray xv = contiguous(val(x));
        INDArray kv = contiguous(val(kernel));
        INDArray v = alloc(out);
        Conv2D op = new Conv2D(new INDArray[] {xv, kv}, new INDArray[] {v}, cfg);
        int[] iArgs = Arrays.stream(op.iArgs()).mapToInt(Math::toIntExact).toArray();
        Nd4j.exec(op);
        return result("conv2d", v, out, g -> {
            INDArray gx = alloc(x.shape);
            INDArray gk = alloc(kernel.shape);
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(xv, kv, contiguous(g))
                    .addIntegerArguments(iArgs).addOutputs(gx, gk).build());
            return new INDArray[] {x.needsGrad ? gx : null, kernel.needsGrad ? gk : null};
        }, x, kernel);
    }

    /**
     * A one-hot is made only if an op needs its values: a product of a one-hot with a table (an
     * embedding look-up) runs as a gather, and only its backward pass makes the one-hot, which saves
     * the B·T·H·W × vocabulary floats of TECO's VQ look-up and the product's FLOPs.
     */
    private static final String ROWS = "rows";

    /**
     * Gradient checkpointing: {@code f} runs chunk by chunk without recording, and only its
     * output is kept; the backward pass runs each chunk again with recording and sends the
     * chunk's share of the output gradient back through it. Parameter gradients are summed over
     * the chunks in order.
     */
    @Override
    public Tensor rowwise(Tensor x, int rows, RowFunction<Tensor> f) {
        int total = x.shape[0];
        if (rows <= 0 || total <= rows || !recording) {
            return f.apply(this, x);
        }
        int rank = x.shape.length;
        INDArray xv = contiguous(val(x));
        INDArray out = null;
        int[] outShape = null;
        List<String> used = null;
        for (int start = 0; start < total; start += rows) {
            int end = Math.min(total, start + rows);
            try (EagerOps chunk = child(xv, start, end, false, false)) {
                Tensor y = f.apply(chunk, chunk.input(ROWS, Shapes.slice(x.shape, 0, start, end)));
                if (y.shape[0] != end - start) {
                    throw new IllegalStateException("rowwise: a chunk of " + (end - start) + " rows gave " + y.shape[0]);
                }
                if (out == null) {
                    outShape = y.shape.clone();
                    outShape[0] = total;
                    out = alloc(outShape);
                    used = chunk.parametersUsed();
                }
                out.get(range(outShape.length, 0, start, end)).assign(chunk.val(y));
            }
        }
        List<Tensor> in = new ArrayList<>();
        in.add(x);
        for (String name : used) {
            in.add(param(name, null, Arrays.stream(paramArrays.get(name).shape()).mapToInt(Math::toIntExact).toArray()));
        }
        List<String> names = used;
        int[] shape = outShape;
        return result("rowwise", out, outShape, g -> {
            INDArray[] gs = new INDArray[in.size()];
            if (x.needsGrad) {
                gs[0] = alloc(x.shape);
            }
            for (int i = 0; i < names.size(); i++) {
                gs[i + 1] = alloc(in.get(i + 1).shape).assign(0);
            }
            for (int start = 0; start < total; start += rows) {
                int end = Math.min(total, start + rows);
                try (EagerOps chunk = child(xv, start, end, true, x.needsGrad)) {
                    Tensor y = f.apply(chunk, chunk.input(ROWS, Shapes.slice(x.shape, 0, start, end)));
                    INDArray seed = chunk.alloc(y.shape).assign(g.get(range(shape.length, 0, start, end)));
                    chunk.backward(y, seed);
                    if (x.needsGrad) {
                        gs[0].get(range(rank, 0, start, end)).assign(chunk.inputGradient(ROWS));
                    }
                    Map<String, INDArray> pg = chunk.gradients();
                    for (int i = 0; i < names.size(); i++) {
                        gs[i + 1].addi(pg.get(names.get(i)));
                    }
                }
            }
            return gs;
        }, in.toArray(new Tensor[0]));
    }

    /** A step over rows [start, end) of {@code x} (fed as {@link #ROWS}) sharing this one's parameters and pool. */
    private EagerOps child(INDArray x, int start, int end, boolean record, boolean inputGrad) {
        Map<String, INDArray> f = Map.of(ROWS, x.get(range(x.rank(), 0, start, end)));
        EagerOps c = new EagerOps(params, paramArrays, f, dtype, pool, inputGrad, record);
        c.listener = listener;
        return c;
    }

    @Override
    public Tensor groupNorm(Tensor x, Tensor scale, Tensor bias, int groups, float eps) {
        int[] s = x.shape;
        int p = 1;
        for (int i = 1; i < s.length - 1; i++) {
            p *= s[i];
        }
        return norm("groupNorm", x, scale, bias, s[0], p, s[s.length - 1], groups, eps, false);
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor scale, Tensor bias, float eps) {
        int c = x.shape[x.shape.length - 1];
        return norm("layerNorm", x, scale, bias, Math.toIntExact(ParamStore.count(x.shape) / c), 1, c, 1, eps, true);
    }

    /** Both normalisations fused (two passes forward, two backward): see {@link FusedNorms}. */
    private Tensor norm(String op, Tensor x, Tensor scale, Tensor bias, int n, int p, int c, int groups, float eps,
            boolean layerNorm) {
        if (c % groups != 0 || scale.shape.length != 1 || scale.shape[0] != c || bias.shape.length != 1 || bias.shape[0] != c) {
            throw new IllegalArgumentException(op + ": " + c + " channels in " + groups + " groups, scale "
                    + Arrays.toString(scale.shape) + ", bias " + Arrays.toString(bias.shape));
        }
        INDArray xv = contiguous(val(x));
        INDArray sv = contiguous(val(scale));
        INDArray y = alloc(x.shape);
        FusedNorms.Stats st = FusedNorms.forward(xv, sv, contiguous(val(bias)), y, n, p, c, groups, eps, layerNorm);
        return result(op, y, x.shape, g -> {
            INDArray dx = x.needsGrad ? alloc(x.shape) : null;
            INDArray ds = alloc(scale.shape);
            INDArray db = alloc(bias.shape);
            FusedNorms.backward(xv, sv, contiguous(g), st, dx, ds, db, n, p, c, groups);
            return new INDArray[] {dx, scale.needsGrad ? ds : null, bias.needsGrad ? db : null};
        }, x, scale, bias);
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        int[] shape = Shapes.append(indices.shape, depth);
        return new Tensor(null, shape, false, null, contiguous(val(indices)), depth);
    }

    @Override
    public Tensor byteInput(String name, int... shape) {
        INDArray a = fed(name, shape);
        return leaf(alloc(shape).assign(a), shape, false);
    }

    @Override
    public void byteOutput(String name, Tensor x) {
        Tensor r = floor(add(clamp(x, 0f, 255f), scalar(0.5f)));
        output(name, leaf(alloc(DataType.UINT8, val(r).shape()).assign(val(r)), x.shape, false));
    }

    @Override
    public void indexOutput(String name, Tensor indices) {
        output(name, leaf(alloc(DataType.LONG, val(indices).shape()).assign(val(indices)), indices.shape, false));
    }

    @Override
    public Tensor argminLast(Tensor x) {
        int last = x.shape.length - 1;
        int[] shape = Shapes.reduce(x.shape, false, new int[] {last});
        INDArray v = alloc(DataType.LONG, Shapes.longs(shape));
        Nd4j.exec(new ArgMin(new INDArray[] {contiguous(val(x))}, new INDArray[] {v}, false, last));
        return leaf(v, shape, false);
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return leaf(val(x), x.shape, false);
    }

    @Override
    public Tensor clamp(Tensor x, float lo, float hi) {
        INDArray y = like(val(x));
        Nd4j.exec(DynamicCustomOp.builder("clipbyvalue").addInputs(val(x)).addOutputs(y)
                .addFloatingPointArguments((double) lo, (double) hi).build());
        return result("clamp", y, x.shape, g -> {
            INDArray inside = like(g).assign(1.0);
            INDArray xv = val(x);
            for (long i = 0; i < xv.length(); i++) {
                double e = xv.getDouble(i);
                if (e < lo || e > hi) {
                    inside.putScalar(i, 0.0);
                }
            }
            return new INDArray[] {inside.muli(g)};
        }, x);
    }

    @Override
    public Tensor floor(Tensor x) {
        INDArray y = like(val(x));
        Nd4j.exec(new Floor(val(x), y));
        return leaf(y, x.shape, false);
    }
}
