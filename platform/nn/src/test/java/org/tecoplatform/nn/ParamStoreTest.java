package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamStoreTest {

    @Test
    void sameSeedGivesSameParametersWhateverTheCreationOrder() {
        ParamStore a = new ParamStore(7);
        a.getOrCreate("enc.kernel", new int[] {3, 3, 4, 8}, Init.lecunNormal());
        a.getOrCreate("dec.kernel", new int[] {8, 2}, Init.lecunNormal());
        ParamStore b = new ParamStore(7);
        b.getOrCreate("dec.kernel", new int[] {8, 2}, Init.lecunNormal());
        b.getOrCreate("enc.kernel", new int[] {3, 3, 4, 8}, Init.lecunNormal());
        assertThat(b.get("enc.kernel")).containsExactly(a.get("enc.kernel"));
        assertThat(b.get("dec.kernel")).containsExactly(a.get("dec.kernel"));

        ParamStore c = new ParamStore(8);
        c.getOrCreate("enc.kernel", new int[] {3, 3, 4, 8}, Init.lecunNormal());
        assertThat(c.get("enc.kernel")).isNotEqualTo(a.get("enc.kernel"));
        // Different names draw from different streams.
        assertThat(a.get("enc.kernel")[0]).isNotEqualTo(a.get("dec.kernel")[0]);
    }

    @Test
    void aHandingOverStoreKeepsNoCopyOfWhatTheLiveArraysHoldAndGetsItBack() {
        ParamStore reference = new ParamStore(3);
        float[] expected = reference.getOrCreate("w", new int[] {4, 5}, Init.lecunNormal()).clone();
        ParamStore store = new ParamStore(3).handingOver();
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> live = new java.util.LinkedHashMap<>();
        try (EagerOps ops = new EagerOps(store, live, java.util.Map.of(), org.nd4j.linalg.api.buffer.DataType.FLOAT)) {
            ops.param("w", Init.lecunNormal(), 4, 5);
        }
        assertThat(store.contains("w")).isFalse();
        assertThat(live.get("w").data().asFloat()).containsExactly(expected);
        org.tecoplatform.nn.train.EagerTraining.copyParams(live, store);
        assertThat(store.get("w")).containsExactly(expected);
        assertThat(store.shape("w")).containsExactly(4, 5);
        store.handedOverAll();
        assertThat(store.names()).isEmpty();

        // Without handingOver the store keeps its values (back ends compared on one store rely on it).
        ParamStore kept = new ParamStore(3);
        try (EagerOps ops = new EagerOps(kept, new java.util.LinkedHashMap<>(), java.util.Map.of(),
                org.nd4j.linalg.api.buffer.DataType.FLOAT)) {
            ops.param("w", Init.lecunNormal(), 4, 5);
        }
        assertThat(kept.get("w")).containsExactly(expected);
    }

    @Test
    void lecunNormalIsTruncatedAtTwoSigmaWithVarianceOneOverFanIn() {
        ParamStore s = new ParamStore(1);
        int[] shape = {3, 3, 64, 64}; // fan_in = 576
        float[] w = s.getOrCreate("k", shape, Init.lecunNormal());
        double fanIn = 3 * 3 * 64;
        double std = Math.sqrt(1 / fanIn) / 0.87962566103423978;
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (2 * std) + 1e-7f);
            sum += v;
            sq += v * v;
        }
        double mean = sum / w.length;
        double var = sq / w.length - mean * mean;
        assertThat(Math.abs(mean)).isLessThan(0.002);
        assertThat(var * fanIn).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void varianceScalingNormalAndNormalHaveTheirStddev() {
        ParamStore s = new ParamStore(2);
        float[] a = s.getOrCreate("attn", new int[] {256, 64}, Init.varianceScalingNormal(1.0));
        float[] e = s.getOrCreate("emb", new int[] {100, 100}, Init.normal(1.0));
        assertThat(variance(a) * 256).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.04));
        assertThat(variance(e)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.04));
        // Untruncated: some draws lie beyond two standard deviations.
        double std = Math.sqrt(1.0 / 256);
        boolean beyond = false;
        for (float v : a) {
            beyond |= Math.abs(v) > 2.5 * std;
        }
        assertThat(beyond).isTrue();
    }

    @Test
    void onesAndZeros() {
        ParamStore s = new ParamStore(3);
        assertThat(s.getOrCreate("scale", new int[] {4}, Init.ones())).containsOnly(1f);
        assertThat(s.getOrCreate("bias", new int[] {4}, Init.zeros())).containsOnly(0f);
    }

    @Test
    void existingParameterIsReusedAndShapeMismatchRejected() {
        ParamStore s = new ParamStore(4);
        float[] first = s.getOrCreate("w", new int[] {2, 3}, Init.lecunNormal());
        assertThat(s.getOrCreate("w", new int[] {2, 3}, Init.zeros())).isSameAs(first);
        assertThatThrownBy(() -> s.getOrCreate("w", new int[] {3, 2}, Init.zeros()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w");
        assertThatThrownBy(() -> s.put("v", new int[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        ParamStore s = new ParamStore(5);
        s.getOrCreate("encoder.block0.Conv_0.kernel", new int[] {3, 3, 2, 4}, Init.lecunNormal());
        s.getOrCreate("encoder.block0.Conv_0.bias", new int[] {4}, Init.zeros());
        Path file = dir.resolve("p.npz");
        s.save(file);
        ParamStore r = ParamStore.load(file, 5);
        assertThat(r.names()).containsExactlyElementsOf(s.names());
        for (String n : s.names()) {
            assertThat(r.shape(n)).containsExactly(s.shape(n));
            assertThat(r.get(n)).containsExactly(s.get(n));
        }
        assertThat(r.size()).isEqualTo(3 * 3 * 2 * 4 + 4);
    }

    private static double variance(float[] v) {
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double m = sum / v.length;
        return sq / v.length - m * m;
    }
}
