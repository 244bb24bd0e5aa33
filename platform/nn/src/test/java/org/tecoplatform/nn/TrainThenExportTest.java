package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The whole path a plugin takes: a small network (conv → ResNet block → GroupNorm → dense) trained
 * with SameDiff + Adam on a fixed batch, its parameters saved and reloaded, exported to ONNX, and
 * ONNX Runtime reproducing the trained network's output.
 */
class TrainThenExportTest {

    private static final Backends.Net NET = new Backends.Net() {
        public <T> void build(Ops<T> ops) {
            T x = ops.input("x", 2, 4, 4, 3);
            T h = Conv.same(ops, "stem", x, 32, 3, true);
            h = ResNetBlock.apply(ops, "block0", h, 32);
            h = ops.elu(GroupNorm.apply(ops, "norm", h));
            ops.output("y", Dense.apply(ops, "head", h, 2, true));
        }
    };

    @Test
    void trainingLowersTheLossAndOnnxReproducesTheTrainedNetwork(@TempDir Path dir) throws Exception {
        Random rng = new Random(3);
        Backends.Feed x = Backends.Feed.floats(rng, 2, 4, 4, 3);
        INDArray target = Nd4j.create(Backends.Feed.floats(rng, 2, 4, 4, 2).data(), new long[] {2, 4, 4, 2}, 'c');

        ParamStore init = new ParamStore(11);
        SameDiffOps ops = new SameDiffOps(init, DataType.FLOAT);
        NET.build(ops);
        SameDiff sd = ops.sameDiff();
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, 2, 4, 4, 2);
        SDVariable err = ops.outputs().get("y").sd().sub(label);
        sd.identity("loss", sd.mean(err.mul(err)));
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(1e-2))
                .dataSetFeatureMapping("x")
                .dataSetLabelMapping("label")
                .build());

        INDArray features = Backends.toNd(x, DataType.FLOAT);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("x", features);
        feed.put("label", target);
        double before = sd.output(feed, "loss").get("loss").getDouble(0);
        DataSet batch = new DataSet(features, target);
        for (int step = 0; step < 20; step++) {
            sd.fit(batch);
        }
        double after = sd.output(feed, "loss").get("loss").getDouble(0);
        float[] trained = sd.output(feed, "y").get("y").dup().data().asFloat();
        System.out.printf("train: loss %.5f -> %.5f after 20 Adam steps%n", before, after);
        assertThat(after).isLessThan(0.5 * before);

        // Trained parameters → npz → a fresh store → ONNX.
        ParamStore trainedParams = new ParamStore(11);
        ops.copyParamsTo(trainedParams);
        assertThat(trainedParams.names()).isEqualTo(init.names());
        Path npz = dir.resolve("params.npz");
        trainedParams.save(npz);
        ParamStore reloaded = ParamStore.load(npz, 0);

        Map<String, Backends.Feed> feeds = new LinkedHashMap<>();
        feeds.put("x", x);
        float[] onnx = Backends.runOnnx(NET, reloaded, feeds).get("y");
        Map<String, float[]> a = Map.of("y", trained);
        Map<String, float[]> b = Map.of("y", onnx);
        double diff = Backends.maxAbsDiff(a, b);
        System.out.printf("train: trained SameDiff vs ONNX Runtime max|diff| %.3e%n", diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        // The export really carries the trained values, not the initial ones.
        double fromInit = Backends.maxAbsDiff(a, Map.of("y", Backends.runOnnx(NET, init, feeds).get("y")));
        assertThat(fromInit).isGreaterThan(1e-2);
    }
}
