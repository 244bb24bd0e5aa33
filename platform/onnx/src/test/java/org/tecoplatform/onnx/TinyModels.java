package org.tecoplatform.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx;

/** Tiny ONNX models written with the protobuf classes shipped in nd4j-api (ONNX Runtime cannot build models). */
final class TinyModels {

    private TinyModels() {
    }

    /** A tensor type; a String dim is symbolic (dynamic), a Number fixed. */
    static Onnx.TypeProto type(Onnx.TensorProto.DataType elem, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(elem.getNumber()).setShape(shape)).build();
    }

    /** Y = Identity(X). */
    static byte[] identity(String in, String out, Onnx.TypeProto type) {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("identity")
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Identity").addInput(in).addOutput(out))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName(in).setType(type))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName(out).setType(type)).build();
        return model(graph);
    }

    /** Z = X + Y, float32 [batch, n]. */
    static byte[] add(int n) {
        Onnx.TypeProto t = type(Onnx.TensorProto.DataType.FLOAT, "batch", n);
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("add")
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Add").addAllInput(List.of("X", "Y")).addOutput("Z"))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("X").setType(t))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("Y").setType(t))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("Z").setType(t)).build();
        return model(graph);
    }

    static byte[] model(Onnx.GraphProto graph) {
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).build().toByteArray();
    }

    static Path write(Path dir, String name, byte[] model) throws IOException {
        return Files.write(dir.resolve(name), model);
    }
}
