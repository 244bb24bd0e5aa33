package org.tecoplatform.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lowers {@link Ops} to a SameDiff graph: the training back end. Parameters become trainable
 * variables named as in the {@link ParamStore}; inputs become placeholders. The floating-point
 * type is chosen per graph (float32 to train, float64 for gradient checks).
 *
 * <p>Workarounds for SameDiff 1.0.0-M2.1 (see NOTES-DL4J.md): batched rank-3 products run as
 * rank 4; embeddings are one-hot × matmul (by the blocks); no variance or layerNorm op is used.
 */
public final class SameDiffOps implements Ops<SameDiffOps.Var> {

    /** A SameDiff variable with its static shape. */
    public record Var(SDVariable sd, int[] shape) {
        public Var {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    private final SameDiff sd;
    private final ParamStore params;
    private final DataType dtype;
    private final Map<String, Var> outputs = new LinkedHashMap<>();
    private final boolean trainableInputs;
    private int constants;
    /** Values of the one-element constants made by {@link #scalar}, by SameDiff variable name. */
    private final Map<String, Float> scalars = new java.util.HashMap<>();

    public SameDiffOps(ParamStore params, DataType dtype) {
        this(params, dtype, false);
    }

    /**
     * With {@code trainableInputs}, float inputs become zero-filled variables instead of
     * placeholders (set them with {@code getVariable(name).setArray}): SameDiff differentiates
     * only with respect to variables, and a gradient check wants the inputs' gradients too.
     */
    public SameDiffOps(ParamStore params, DataType dtype, boolean trainableInputs) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double, not " + dtype);
        }
        this.sd = SameDiff.create();
        this.params = params;
        this.dtype = dtype;
        this.trainableInputs = trainableInputs;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public DataType dataType() {
        return dtype;
    }

    /** Outputs declared so far, by name, in declaration order. */
    public Map<String, Var> outputs() {
        return java.util.Collections.unmodifiableMap(outputs);
    }

    /** Copies the graph's current parameter values (e.g. after training) back into the store. */
    public void copyParamsTo(ParamStore store) {
        for (String name : params.names()) {
            if (sd.hasVariable(name)) {
                INDArray a = sd.getVariable(name).getArr().castTo(DataType.FLOAT);
                store.put(name, params.shape(name), a.dup().data().asFloat());
            }
        }
    }

    @Override
    public ParamStore params() {
        return params;
    }

    @Override
    public int[] shape(Var x) {
        return x.shape();
    }

    @Override
    public Var input(String name, int... shape) {
        if (trainableInputs) {
            return new Var(sd.var(name, Nd4j.zeros(dtype, Shapes.longs(shape))), shape);
        }
        return new Var(sd.placeHolder(name, dtype, Shapes.longs(shape)), shape);
    }

    @Override
    public Var indexInput(String name, int... shape) {
        return new Var(sd.placeHolder(name, DataType.INT, Shapes.longs(shape)), shape);
    }

    @Override
    public void output(String name, Var x) {
        // An identity op gives the output the requested name whatever produced it.
        SDVariable out = sd.identity(name, x.sd());
        outputs.put(name, new Var(out, x.shape()));
    }

    @Override
    public Var param(String name, Init init, int... shape) {
        float[] data = params.getOrCreate(name, shape, init);
        if (sd.hasVariable(name)) {
            Var existing = new Var(sd.getVariable(name), shape);
            return existing;
        }
        return new Var(sd.var(name, array(data, shape)), shape);
    }

    @Override
    public Var constant(float[] data, int... shape) {
        return new Var(sd.constant("const" + constants++, array(data, shape)), shape);
    }

    /**
     * A one-element constant, as {@link Ops#scalar}; arithmetic with it lowers to SameDiff's scalar
     * ops (no broadcast): the broadcasting multiply's backward pass reduces the full gradient for
     * the constant's side, which made it the costliest op of a conv net's training step.
     */
    @Override
    public Var scalar(float value) {
        Var c = constant(new float[] {value});
        scalars.put(c.sd().name(), value);
        return c;
    }

    /** The value of {@code x} when it is a {@link #scalar} constant and {@code other} has rank ≥ 1, else null. */
    private Float scalarOperand(Var x, Var other) {
        return other.shape.length >= 1 ? scalars.get(x.sd().name()) : null;
    }

    private INDArray array(float[] data, int[] shape) {
        INDArray a = Nd4j.create(data, Shapes.longs(shape), 'c');
        return dtype == DataType.FLOAT ? a : a.castTo(dtype);
    }

    @Override
    public Var add(Var a, Var b) {
        Float sb = scalarOperand(b, a);
        if (sb != null) {
            return new Var(a.sd().add(sb.doubleValue()), a.shape);
        }
        Float sa = scalarOperand(a, b);
        if (sa != null) {
            return new Var(b.sd().add(sa.doubleValue()), b.shape);
        }
        return new Var(a.sd().add(b.sd()), Shapes.broadcast(a.shape, b.shape));
    }

    @Override
    public Var sub(Var a, Var b) {
        Float sb = scalarOperand(b, a);
        if (sb != null) {
            return new Var(a.sd().sub(sb.doubleValue()), a.shape);
        }
        Float sa = scalarOperand(a, b);
        if (sa != null) {
            return new Var(b.sd().rsub(sa.doubleValue()), b.shape);
        }
        return new Var(a.sd().sub(b.sd()), Shapes.broadcast(a.shape, b.shape));
    }

    @Override
    public Var mul(Var a, Var b) {
        Float sb = scalarOperand(b, a);
        if (sb != null) {
            return new Var(a.sd().mul(sb.doubleValue()), a.shape);
        }
        Float sa = scalarOperand(a, b);
        if (sa != null) {
            return new Var(b.sd().mul(sa.doubleValue()), b.shape);
        }
        return new Var(a.sd().mul(b.sd()), Shapes.broadcast(a.shape, b.shape));
    }

    @Override
    public Var div(Var a, Var b) {
        Float sb = scalarOperand(b, a);
        if (sb != null) {
            return new Var(a.sd().div(sb.doubleValue()), a.shape);
        }
        Float sa = scalarOperand(a, b);
        if (sa != null) {
            return new Var(b.sd().rdiv(sa.doubleValue()), b.shape);
        }
        return new Var(a.sd().div(b.sd()), Shapes.broadcast(a.shape, b.shape));
    }

    @Override
    public Var matmul(Var a, Var b) {
        int[] out = Shapes.matmul(a.shape, b.shape);
        if (a.shape.length == 3) {
            // Rank-3 batched products run as rank 4 (the form NOTES-DL4J found reliable).
            Var a4 = reshape(a, prepend1(a.shape));
            Var b4 = reshape(b, prepend1(b.shape));
            return reshape(new Var(sd.mmul(a4.sd(), b4.sd()), prepend1(out)), out);
        }
        return new Var(sd.mmul(a.sd(), b.sd()), out);
    }

    private static int[] prepend1(int[] s) {
        int[] o = new int[s.length + 1];
        o[0] = 1;
        System.arraycopy(s, 0, o, 1, s.length);
        return o;
    }

    @Override
    public Var reshape(Var x, int... shape) {
        int[] out = Shapes.reshape(x.shape, shape);
        return new Var(sd.reshape(x.sd(), Shapes.longs(out)), out);
    }

    @Override
    public Var transpose(Var x, int... perm) {
        return new Var(sd.permute(x.sd(), perm), Shapes.transpose(x.shape, perm));
    }

    @Override
    public Var concat(int axis, java.util.List<Var> xs) {
        int rank = xs.get(0).shape.length;
        int ax = Shapes.axis(axis, rank);
        SDVariable[] vs = xs.stream().map(Var::sd).toArray(SDVariable[]::new);
        int[][] shapes = xs.stream().map(v -> v.shape).toArray(int[][]::new);
        return new Var(sd.concat(ax, vs), Shapes.concat(ax, shapes));
    }

    @Override
    public Var slice(Var x, int axis, int start, int end) {
        int ax = Shapes.axis(axis, x.shape.length);
        int[] out = Shapes.slice(x.shape, ax, start, end);
        int[] begin = new int[x.shape.length];
        begin[ax] = start;
        return new Var(sd.slice(x.sd(), begin, out), out);
    }

    @Override
    public Var flip(Var x, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        return new Var(sd.reverse(x.sd(), ax), x.shape);
    }

    @Override
    public Var reduceMean(Var x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        return new Var(sd.mean(x.sd(), keepDims, ax), Shapes.reduce(x.shape, keepDims, ax));
    }

    @Override
    public Var reduceSum(Var x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        return new Var(sd.sum(x.sd(), keepDims, ax), Shapes.reduce(x.shape, keepDims, ax));
    }

    @Override
    public Var sqrt(Var x) {
        return new Var(sd.math.sqrt(x.sd()), x.shape);
    }

    @Override
    public Var rsqrt(Var x) {
        return new Var(sd.math.rsqrt(x.sd()), x.shape);
    }

    @Override
    public Var exp(Var x) {
        return new Var(sd.math.exp(x.sd()), x.shape);
    }

    @Override
    public Var tanh(Var x) {
        return new Var(sd.math.tanh(x.sd()), x.shape);
    }

    @Override
    public Var sigmoid(Var x) {
        return new Var(sd.nn.sigmoid(x.sd()), x.shape);
    }

    @Override
    public Var erf(Var x) {
        return new Var(sd.math.erf(x.sd()), x.shape);
    }

    @Override
    public Var relu(Var x) {
        return new Var(sd.nn.relu(x.sd(), 0.0), x.shape);
    }

    @Override
    public Var elu(Var x) {
        return new Var(sd.nn.elu(x.sd()), x.shape);
    }

    @Override
    public Var softmax(Var x) {
        return new Var(sd.nn.softmax(x.sd(), x.shape.length - 1), x.shape);
    }

    @Override
    public Var log(Var x) {
        return new Var(sd.math.log(x.sd()), x.shape);
    }

    /**
     * logSoftmax on its default last axis of 2-D rows: the form NOTES-DL4J found reliable (an
     * explicit dimension fails intermittently).
     */
    @Override
    public Var logSoftmax(Var x) {
        int[] s = x.shape;
        Var rows = reshape(x, -1, s[s.length - 1]);
        return reshape(new Var(sd.nn.logSoftmax(rows.sd()), rows.shape), s);
    }

    @Override
    public Var conv2d(Var x, Var kernel, int stride, int pad) {
        int[] out = Shapes.conv2d(x.shape, kernel.shape, stride, pad);
        return new Var(sd.cnn.conv2d(x.sd(), kernel.sd(), conv2dConfig(kernel.shape, stride, pad)), out);
    }

    /** ND4J's configuration of {@link Ops#conv2d}: NHWC input, HWIO (YXIO) kernel, explicit symmetric padding. */
    static Conv2DConfig conv2dConfig(int[] kernel, int stride, int pad) {
        return Conv2DConfig.builder()
                .kH(kernel[0]).kW(kernel[1])
                .sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO)
                .build();
    }

    @Override
    public Var oneHot(Var indices, int depth) {
        SDVariable oh = sd.oneHot(indices.sd(), depth, -1, 1.0, 0.0, dtype);
        return new Var(oh, Shapes.append(indices.shape, depth));
    }
    @Override
    public Var byteInput(String name, int... shape) {
        SDVariable ph = sd.placeHolder(name, DataType.UINT8, Shapes.longs(shape));
        return new Var(ph.castTo(dtype), shape);
    }

    @Override
    public void byteOutput(String name, Var x) {
        Var r = floor(add(clamp(x, 0f, 255f), scalar(0.5f)));
        SDVariable out = sd.identity(name, r.sd().castTo(DataType.UINT8));
        outputs.put(name, new Var(out, x.shape()));
    }

    @Override
    public void indexOutput(String name, Var indices) {
        SDVariable out = sd.identity(name, indices.sd().castTo(DataType.LONG));
        outputs.put(name, new Var(out, indices.shape()));
    }

    @Override
    public Var argminLast(Var x) {
        int last = x.shape.length - 1;
        return new Var(sd.argmin(x.sd(), false, last), Shapes.reduce(x.shape, false, new int[] {last}));
    }

    @Override
    public Var stopGradient(Var x) {
        // No sd.stopGradient in 1.0.0-M2.1 (NOTES-DL4J.md): the op class directly.
        SDVariable y = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, x.sd()).outputVariable();
        return new Var(y, x.shape);
    }

    @Override
    public Var clamp(Var x, float lo, float hi) {
        return new Var(sd.math.clipByValue(x.sd(), lo, hi), x.shape);
    }

    @Override
    public Var floor(Var x) {
        return new Var(sd.math.floor(x.sd()), x.shape);
    }
}
