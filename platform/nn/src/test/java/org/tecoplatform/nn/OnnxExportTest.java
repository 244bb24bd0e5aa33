package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the exported model declares: versions, parameters as initializers, typed boundary. */
class OnnxExportTest {

    private static ModelProto export(ParamStore params) {
        OnnxOps ops = new OnnxOps(params, "enc");
        Ops<OnnxOps.Value> o = ops;
        OnnxOps.Value x = o.input("frames", 1, 4, 4, 32);
        OnnxOps.Value ids = o.indexInput("actions", 1, 2);
        OnnxOps.Value h = ResNetBlock.apply(o, "encoder.block0", x, 32);
        o.output("h", h);
        o.output("a", Embedding.apply(o, "action_embeds", ids, 7, 16));
        // A parameter used twice is one initializer.
        o.output("a2", Embedding.apply(o, "action_embeds", ids, 7, 16));
        return ops.model();
    }

    @Test
    void modelDeclaresOpsetIrAndEveryParameterOnceAsInitializer() {
        ParamStore params = new ParamStore(1);
        ModelProto m = export(params);
        assertThat(m.getIrVersion()).isEqualTo(8);
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
        Set<String> inits = m.getGraph().getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        assertThat(inits).containsAll(params.names());
        long paramInits = m.getGraph().getInitializerList().stream().filter(t -> params.contains(t.getName())).count();
        assertThat(paramInits).isEqualTo(params.names().size());
        assertThat(params.names()).contains("encoder.block0.GroupNorm_0.scale", "encoder.block0.Conv_0.kernel",
                "encoder.block0.Conv_1.kernel", "encoder.block0.AddBias_0.bias", "action_embeds.embedding");
        assertThat(params.contains("encoder.block0.Conv_1.bias")).isFalse();
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getElemType()).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        assertThat(m.getGraph().getInput(1).getType().getTensorType().getElemType()).isEqualTo(TensorProto.DataType.INT64_VALUE);
        assertThat(m.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("h", "a", "a2");
    }

    @Test
    void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
        ModelProto m = export(new ParamStore(2));
        Path file = dir.resolve("sub/model.onnx");
        OnnxModels.write(m, file);
        OnnxModels.write(m, file); // replacing an existing model works too
        assertThat(ModelProto.parseFrom(Files.readAllBytes(file))).isEqualTo(m);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary left behind
        }
    }

    @Test
    void embeddingResolvesNegativeIdsLikeNumpy() {
        assertThat(Embedding.resolve(new int[] {0, -1, 3, -4}, 4)).containsExactly(0, 3, 3, 0);
        assertThatThrownBy(() -> Embedding.resolve(new int[] {4}, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Embedding.resolve(new int[] {-5}, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
