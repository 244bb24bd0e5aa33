package com.example.heavy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;

/** Uses the three shared heavy libraries from inside a bundle and writes what they computed. */
@Component(service = Stage.class, property = "teco.name=heavy")
public final class HeavyLibrariesStage implements Stage {

    @Override
    public void run(StageContext context) throws Exception {
        Path dir = context.stageDir();

        INDArray a = Nd4j.createFromArray(new float[] {1f, 2f, 3f, 4f}).reshape(2, 2);
        double nd4jSum = a.mmul(a).sumNumber().doubleValue();   // [[7,10],[15,22]] -> 54

        byte[] model = addModel().toByteArray();
        float orSum;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[] {1f, 2f});
             OnnxTensor y = OnnxTensor.createTensor(env, new float[] {10f, 20f});
             OrtSession.Result r = session.run(Map.of("X", x, "Y", y))) {
            float[] z = (float[]) r.get(0).getValue();
            orSum = z[0] + z[1];   // 33
        }

        Path arrow = dir.resolve("numbers.arrow");
        long arrowSum = 0;
        try (BufferAllocator alloc = new RootAllocator()) {
            try (IntVector v = new IntVector("n", alloc)) {
                v.allocateNew(3);
                v.set(0, 5);
                v.set(1, 6);
                v.set(2, 7);
                v.setValueCount(3);
                try (VectorSchemaRoot root = VectorSchemaRoot.of(v);
                     FileOutputStream out = new FileOutputStream(arrow.toFile());
                     ArrowFileWriter w = new ArrowFileWriter(root, null, out.getChannel())) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
            try (FileInputStream in = new FileInputStream(arrow.toFile());
                 ArrowFileReader reader = new ArrowFileReader(in.getChannel(), alloc)) {
                reader.loadNextBatch();
                IntVector read = (IntVector) reader.getVectorSchemaRoot().getVector("n");
                for (int i = 0; i < read.getValueCount(); i++) {
                    arrowSum += read.get(i);   // 18
                }
            }
        }
        Files.writeString(dir.resolve("results.txt"), "nd4j=" + nd4jSum + "\nort=" + orSum + "\narrow=" + arrowSum + "\n");
    }

    /** Z = X + Y over float[2], written with the ONNX protobuf classes. */
    private static Onnx.ModelProto addModel() {
        Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber())
                .setShape(Onnx.TensorShapeProto.newBuilder().addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(2)))).build();
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("add")
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Add").addAllInput(List.of("X", "Y")).addOutput("Z"))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("X").setType(type))
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("Y").setType(type))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("Z").setType(type)).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).build();
    }
}
