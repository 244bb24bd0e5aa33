package org.tecoplatform.model.teco;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.nn.EagerOps;
import org.tecoplatform.nn.ParamStore;

/**
 * The second prior through TECO unchanged: the model trains with it on the eager back end,
 * exports its step graph beside the others, and counts its parameters under the neutral prefix.
 * (Sampling with it: model.teco.sample.TecoSamplerTest.)
 */
class AutoregressiveInTecoTest {

    @Test
    void trainsExportsAndCountsWithTheAutoregressivePrior(@TempDir Path tmp) throws Exception {
        TecoModel model = TinyTeco.model(TinyTeco.autoregressive(TinyTeco.config()));
        TecoConfig c = model.config();
        int b = 2;
        SplittableRandom rng = new SplittableRandom(3);
        int[] codes = new int[b * c.seqLen() * c.latentHeight() * c.latentWidth()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(c.vqCodes());
        }
        ParamStore params = new ParamStore(4);
        Map<String, INDArray> ph = model.feed(codes, null, b, rng).placeholders(DataType.FLOAT);
        try (EagerOps ops = new EagerOps(params, new LinkedHashMap<>(), ph, DataType.FLOAT)) {
            model.training(ops, b);
            assertThat(ops.output(TecoModel.TRANS_LOSS).getDouble(0)).isFinite().isPositive();
            ops.backward(TecoModel.LOSS);
            assertThat(ops.gradients()).containsKey(TecoModel.PRIOR + ".token_embed");
        }
        assertThat(params.names()).anyMatch(n -> n.startsWith("prior.net.AbsolutePositionBiases_0")).noneMatch(n -> n.startsWith("z_git"));

        Path export = tmp.resolve("onnx");
        InferenceExport.write(model, params, export);
        assertThat(Files.isRegularFile(export.resolve("prior_step.onnx"))).isTrue();
        assertThat(InferenceExport.isComplete(export, model.prior())).isTrue();

        Map<String, Long> parts = TecoModel.parameterBreakdown(c, model.prior());
        long prior = params.names().stream().filter(n -> n.startsWith("prior.")).mapToLong(n -> params.get(n).length).sum();
        assertThat(parts.get("prior")).isEqualTo(prior);
    }
}
