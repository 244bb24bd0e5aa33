package org.tecoplatform.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Lowers {@link Ops} to an ONNX model (opset 17, IR version 8): the inference back end.
 * Parameters become initializers named as in the {@link ParamStore}; float inputs are float32,
 * index inputs int64. Layout stays NHWC at the graph boundary; convolutions transpose to ONNX's
 * NCHW/OIHW around the Conv node.
 */
public final class OnnxOps implements Ops<OnnxOps.Value> {

    public static final int OPSET = 17;
    public static final int IR_VERSION = 8;

    /** A value name in the graph with its static shape. */
    public record Value(String name, int[] shape) {
        public Value {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    private final ParamStore params;
    private final String graphName;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> initialized = new HashSet<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final boolean dynamicBatch;
    private int counter;

    public OnnxOps(ParamStore params, String graphName) {
        this(params, graphName, false);
    }

    /**
     * With {@code dynamicBatch}, axis 0 of every graph input and output is the symbolic size
     * {@value #BATCH} (any batch runs), while the network is built with the static shapes it is
     * given (e.g. batch 1). Every reshape then writes -1 for its leading axis, so the network must
     * keep the batch folded into axis 0 of each reshape (as {@link GroupNorm}, {@link Dense},
     * {@link AvgPool2} and {@link Upsample2} do) and must not slice or reduce along axis 0.
     */
    public OnnxOps(ParamStore params, String graphName, boolean dynamicBatch) {
        this.params = params;
        this.graphName = graphName;
        this.dynamicBatch = dynamicBatch;
    }

    /** The name of the symbolic batch dimension of a dynamic-batch graph. */
    public static final String BATCH = "batch";

    /** The model built so far. */
    public ModelProto model() {
        GraphProto graph = GraphProto.newBuilder()
                .setName(graphName)
                .addAllNode(nodes)
                .addAllInitializer(initializers)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("teco-nn")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    @Override
    public ParamStore params() {
        return params;
    }

    @Override
    public int[] shape(Value x) {
        return x.shape();
    }

    @Override
    public Value input(String name, int... shape) {
        inputs.add(valueInfo(name, TensorProto.DataType.FLOAT, shape));
        return new Value(name, shape);
    }

    @Override
    public Value indexInput(String name, int... shape) {
        inputs.add(valueInfo(name, TensorProto.DataType.INT64, shape));
        return new Value(name, shape);
    }

    @Override
    public void output(String name, Value x) {
        node("Identity", List.of(x.name()), name, List.of());
        outputs.add(valueInfo(name, TensorProto.DataType.FLOAT, x.shape));
    }

    @Override
    public Value param(String name, Init init, int... shape) {
        float[] data = params.getOrCreate(name, shape, init);
        if (initialized.add(name)) {
            initializers.add(floatTensor(name, data, shape));
        }
        return new Value(name, shape);
    }

    @Override
    public Value constant(float[] data, int... shape) {
        String name = fresh("const");
        initializers.add(floatTensor(name, data, shape));
        return new Value(name, shape);
    }

    private String int64Constant(long... values) {
        String name = fresh("ints");
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        initializers.add(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(buf.array())).build());
        return name;
    }

    @Override
    public Value add(Value a, Value b) {
        return binary("Add", a, b);
    }

    @Override
    public Value sub(Value a, Value b) {
        return binary("Sub", a, b);
    }

    @Override
    public Value mul(Value a, Value b) {
        return binary("Mul", a, b);
    }

    @Override
    public Value div(Value a, Value b) {
        return binary("Div", a, b);
    }

    private Value binary(String op, Value a, Value b) {
        return new Value(node(op, List.of(a.name(), b.name()), List.of()), Shapes.broadcast(a.shape, b.shape));
    }

    @Override
    public Value matmul(Value a, Value b) {
        return new Value(node("MatMul", List.of(a.name(), b.name()), List.of()), Shapes.matmul(a.shape, b.shape));
    }

    @Override
    public Value reshape(Value x, int... shape) {
        int[] out = Shapes.reshape(x.shape, shape);
        long[] target = Shapes.longs(out);
        if (dynamicBatch && target.length > 0) {
            target[0] = -1;
        }
        String s = int64Constant(target);
        return new Value(node("Reshape", List.of(x.name(), s), List.of()), out);
    }

    @Override
    public Value transpose(Value x, int... perm) {
        int[] out = Shapes.transpose(x.shape, perm);
        return new Value(node("Transpose", List.of(x.name()), List.of(ints("perm", perm))), out);
    }

    @Override
    public Value concat(int axis, List<Value> xs) {
        int ax = Shapes.axis(axis, xs.get(0).shape.length);
        int[] out = Shapes.concat(ax, xs.stream().map(v -> v.shape).toArray(int[][]::new));
        List<String> names = xs.stream().map(Value::name).toList();
        return new Value(node("Concat", names, List.of(intAttr("axis", ax))), out);
    }

    @Override
    public Value slice(Value x, int axis, int start, int end) {
        int ax = Shapes.axis(axis, x.shape.length);
        int[] out = Shapes.slice(x.shape, ax, start, end);
        String n = node("Slice", List.of(x.name(), int64Constant(start), int64Constant(end), int64Constant(ax)), List.of());
        return new Value(n, out);
    }

    @Override
    public Value flip(Value x, int... axes) {
        long[] ax = Arrays.stream(axes).mapToLong(a -> Shapes.axis(a, x.shape.length)).toArray();
        long[] starts = new long[ax.length];
        long[] ends = new long[ax.length];
        long[] steps = new long[ax.length];
        Arrays.fill(starts, -1);
        Arrays.fill(ends, Long.MIN_VALUE);
        Arrays.fill(steps, -1);
        String n = node("Slice", List.of(x.name(), int64Constant(starts), int64Constant(ends), int64Constant(ax),
                int64Constant(steps)), List.of());
        return new Value(n, x.shape);
    }

    @Override
    public Value reduceMean(Value x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        // Opset 17: ReduceMean takes axes as an attribute (an input only from opset 18).
        String n = node("ReduceMean", List.of(x.name()), List.of(ints("axes", ax), intAttr("keepdims", keepDims ? 1 : 0)));
        return new Value(n, Shapes.reduce(x.shape, keepDims, ax));
    }

    @Override
    public Value reduceSum(Value x, boolean keepDims, int... axes) {
        int[] ax = Arrays.stream(axes).map(a -> Shapes.axis(a, x.shape.length)).toArray();
        // ReduceSum takes axes as an input since opset 13.
        String n = node("ReduceSum", List.of(x.name(), int64Constant(Shapes.longs(ax))),
                List.of(intAttr("keepdims", keepDims ? 1 : 0)));
        return new Value(n, Shapes.reduce(x.shape, keepDims, ax));
    }

    @Override
    public Value sqrt(Value x) {
        return unary("Sqrt", x);
    }

    @Override
    public Value rsqrt(Value x) {
        return unary("Reciprocal", unary("Sqrt", x));
    }

    @Override
    public Value exp(Value x) {
        return unary("Exp", x);
    }

    @Override
    public Value tanh(Value x) {
        return unary("Tanh", x);
    }

    @Override
    public Value sigmoid(Value x) {
        return unary("Sigmoid", x);
    }

    @Override
    public Value erf(Value x) {
        return unary("Erf", x);
    }

    @Override
    public Value relu(Value x) {
        return unary("Relu", x);
    }

    @Override
    public Value elu(Value x) {
        AttributeProto alpha = AttributeProto.newBuilder().setName("alpha")
                .setType(AttributeProto.AttributeType.FLOAT).setF(1f).build();
        return new Value(node("Elu", List.of(x.name()), List.of(alpha)), x.shape);
    }

    @Override
    public Value softmax(Value x) {
        return new Value(node("Softmax", List.of(x.name()), List.of(intAttr("axis", -1))), x.shape);
    }

    @Override
    public Value log(Value x) {
        return unary("Log", x);
    }

    @Override
    public Value logSoftmax(Value x) {
        return new Value(node("LogSoftmax", List.of(x.name()), List.of(intAttr("axis", -1))), x.shape);
    }

    private Value unary(String op, Value x) {
        return new Value(node(op, List.of(x.name()), List.of()), x.shape);
    }

    @Override
    public Value conv2d(Value x, Value kernel, int stride, int pad) {
        int[] out = Shapes.conv2d(x.shape, kernel.shape, stride, pad);
        int[] k = kernel.shape;
        Value nchw = transpose(x, 0, 3, 1, 2);
        Value oihw = transpose(kernel, 3, 2, 0, 1);
        String conv = node("Conv", List.of(nchw.name(), oihw.name()), List.of(
                ints("kernel_shape", k[0], k[1]),
                ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad),
                ints("dilations", 1, 1)));
        Value y = new Value(conv, new int[] {out[0], out[3], out[1], out[2]});
        return transpose(y, 0, 2, 3, 1);
    }

    @Override
    public Value oneHot(Value indices, int depth) {
        String d = int64Constant(depth);
        String values = constant(new float[] {0f, 1f}, 2).name();
        String n = node("OneHot", List.of(indices.name(), d, values), List.of(intAttr("axis", -1)));
        return new Value(n, Shapes.append(indices.shape, depth));
    }

    private String node(String op, List<String> in, List<AttributeProto> attrs) {
        return node(op, in, fresh(op), attrs);
    }

    private String node(String op, List<String> in, String out, List<AttributeProto> attrs) {
        nodes.add(NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(in).addOutput(out)
                .addAllAttribute(attrs).build());
        return out;
    }

    private String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto ints(String name, int... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int i : v) {
            b.addInts(i);
        }
        return b.build();
    }

    private static TensorProto floatTensor(String name, float[] data, int[] shape) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    private ValueInfoProto valueInfo(String name, TensorProto.DataType type, int[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.addDim(dynamicBatch && i == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i]));
        }
        TypeProto.Tensor t = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
    @Override
    public Value byteInput(String name, int... shape) {
        inputs.add(valueInfo(name, TensorProto.DataType.UINT8, shape));
        return new Value(cast(name, TensorProto.DataType.FLOAT), shape);
    }

    @Override
    public void byteOutput(String name, Value x) {
        Value r = floor(add(clamp(x, 0f, 255f), scalar(0.5f)));
        node("Cast", List.of(r.name()), name, List.of(intAttr("to", TensorProto.DataType.UINT8_VALUE)));
        outputs.add(valueInfo(name, TensorProto.DataType.UINT8, x.shape));
    }

    @Override
    public void indexOutput(String name, Value indices) {
        // ArgMin already gives int64; the Cast names the output and keeps any index input's type honest.
        node("Cast", List.of(indices.name()), name, List.of(intAttr("to", TensorProto.DataType.INT64_VALUE)));
        outputs.add(valueInfo(name, TensorProto.DataType.INT64, indices.shape));
    }

    @Override
    public Value argminLast(Value x) {
        int last = x.shape.length - 1;
        String n = node("ArgMin", List.of(x.name()), List.of(intAttr("axis", last), intAttr("keepdims", 0),
                intAttr("select_last_index", 0)));
        return new Value(n, Shapes.reduce(x.shape, false, new int[] {last}));
    }

    @Override
    public Value stopGradient(Value x) {
        // Inference graphs have no gradients.
        return x;
    }

    @Override
    public Value clamp(Value x, float lo, float hi) {
        Value min = constant(new float[] {lo});
        Value max = constant(new float[] {hi});
        // Clip (opset 11+) takes scalar bounds; the constants are rank 1, so reshape them to scalars.
        String minS = node("Reshape", List.of(min.name(), int64Constant()), List.of());
        String maxS = node("Reshape", List.of(max.name(), int64Constant()), List.of());
        return new Value(node("Clip", List.of(x.name(), minS, maxS), List.of()), x.shape);
    }

    @Override
    public Value floor(Value x) {
        return unary("Floor", x);
    }

    private String cast(String input, TensorProto.DataType to) {
        return node("Cast", List.of(input), List.of(intAttr("to", to.getNumber())));
    }
}
