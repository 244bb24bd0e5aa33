package org.tecoplatform.prior.maskgit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorLogits;
import org.tecoplatform.nn.prior.PriorShape;

/** Draft-and-revise sampling against a recording stand-in for the logits graph, then through ONNX Runtime. */
class MaskGitSamplerTest {

    /** Grid 2×3 (L = 6), 5 codes. */
    private static final PriorShape SHAPE = new PriorShape(2, 3, 5, 3);
    private static final int MASK = SHAPE.maskToken();

    /** Records every token batch it is given; the logits favour code (position + item) mod K by a margin. */
    private static final class Recorder implements PriorLogits {
        final List<int[]> calls = new ArrayList<>();
        final float margin;

        Recorder(float margin) {
            this.margin = margin;
        }

        @Override
        public float[] logits(int[] tokens) {
            calls.add(tokens.clone());
            int l = SHAPE.length();
            int k = SHAPE.codes();
            float[] out = new float[tokens.length * k];
            for (int at = 0; at < tokens.length; at++) {
                out[at * k + (at % l + at / l) % k] = margin;
            }
            return out;
        }
    }

    private static MaskGitNetwork network(Object... overrides) {
        return TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16, overrides));
    }

    private static Set<Integer> masked(int[] tokens, int item) {
        Set<Integer> s = new HashSet<>();
        for (int p = 0; p < SHAPE.length(); p++) {
            if (tokens[item * SHAPE.length() + p] == MASK) {
                s.add(p);
            }
        }
        return s;
    }

    @Test
    void draftThenReviseRoundsMaskTheirChunks() {
        // T_draft 4 over 6 positions: chunks of 2, 2, 1, 1; then M = 2 rounds of T_revise 3 (2, 2, 2).
        MaskGitNetwork net = network("T_draft", 4, "T_revise", 3, "M", 2);
        Recorder rec = new Recorder(1f);
        int items = 3;
        int[] out = net.sample(rec, items, new SplittableRandom(1));
        assertThat(rec.calls).hasSize(4 + 2 * 3);
        for (int i = 0; i < items; i++) {
            // Draft: everything not yet drafted is MASK: 6, 4, 2, 1 masked positions.
            int[] draftMasked = {6, 4, 2, 1};
            for (int c = 0; c < 4; c++) {
                assertThat(masked(rec.calls.get(c), i)).as("draft call " + c + " item " + i).hasSize(draftMasked[c]);
            }
            // Revise: exactly the chunk is masked, and the round's chunks cover the grid once.
            for (int round = 0; round < 2; round++) {
                Set<Integer> union = new HashSet<>();
                for (int c = 0; c < 3; c++) {
                    Set<Integer> m = masked(rec.calls.get(4 + round * 3 + c), i);
                    assertThat(m).as("revise round " + round + " chunk " + c).hasSize(2);
                    assertThat(union).doesNotContainAnyElementsOf(m);
                    union.addAll(m);
                }
                assertThat(union).hasSize(SHAPE.length());
            }
        }
        assertThat(out).hasSize(items * SHAPE.length());
        assertThat(Arrays.stream(out).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(out).max().orElseThrow()).isLessThan(SHAPE.codes());
    }

    @Test
    void itemsHaveTheirOwnChunkOrders() {
        MaskGitNetwork net = network("T_draft", 6, "M", 0);
        Recorder rec = new Recorder(1f);
        int items = 8;
        net.sample(rec, items, new SplittableRandom(2));
        // The second draft call shows which position each item drafted first.
        Set<Set<Integer>> firstChunks = new HashSet<>();
        for (int i = 0; i < items; i++) {
            Set<Integer> drafted = new HashSet<>(List.of(0, 1, 2, 3, 4, 5));
            drafted.removeAll(masked(rec.calls.get(1), i));
            firstChunks.add(drafted);
        }
        assertThat(firstChunks.size()).isGreaterThan(1);
    }

    @Test
    void greedySamplingFollowsTheLogits() {
        MaskGitNetwork net = network("maskgit.temperature", 0.0);
        int items = 2;
        int[] out = net.sample(new Recorder(1f), items, new SplittableRandom(3));
        for (int at = 0; at < out.length; at++) {
            assertThat(out[at]).isEqualTo((at % SHAPE.length() + at / SHAPE.length()) % SHAPE.codes());
        }
        // top_k 1 is greedy too, and a large margin makes temperature 1 all but certain.
        assertThat(network("maskgit.top_k", 1).sample(new Recorder(1f), items, new SplittableRandom(4))).containsExactly(out);
        assertThat(network().sample(new Recorder(40f), items, new SplittableRandom(5))).containsExactly(out);
    }

    @Test
    void sameSeedSameSamples() {
        MaskGitNetwork net = network();
        int[] a = net.sample(new Recorder(0.5f), 4, new SplittableRandom(6));
        int[] b = net.sample(new Recorder(0.5f), 4, new SplittableRandom(6));
        int[] c = net.sample(new Recorder(0.5f), 4, new SplittableRandom(7));
        assertThat(a).containsExactly(b);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void samplesThroughTheExportedGraphOnOnnxRuntime() throws Exception {
        MaskGitNetwork net = network();
        ParamStore params = new ParamStore(31);
        Graphs.Net graph = new Graphs.Net() {
            public <T> void build(Ops<T> ops) {
                T tokens = ops.indexInput("tokens", 1, 2, 3);
                T cond = ops.input("cond", 1, 2, 3, 3);
                ops.output("logits", net.logits(ops, TinyMaskGit.NAME, tokens, cond));
            }
        };
        Path model = Graphs.export(graph, params, true);
        int items = 3;
        float[] cond = TinyMaskGit.gaussian(new SplittableRandom(8), items * 18);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = Graphs.session(model);
             OnnxTensor condTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(cond), new long[] {items, 2, 3, 3})) {
            int[] calls = {0};
            PriorLogits logits = tokens -> {
                calls[0]++;
                long[] ids = Arrays.stream(tokens).asLongStream().toArray();
                try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {items, 2, 3});
                     OrtSession.Result r = session.run(Map.of("tokens", t, "cond", condTensor))) {
                    FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
                    float[] a = new float[fb.remaining()];
                    fb.get(a);
                    return a;
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
            int[] out = net.sample(logits, items, new SplittableRandom(9));
            assertThat(calls[0]).isEqualTo(3 + 2);
            assertThat(out).hasSize(items * 6);
            assertThat(Arrays.stream(out).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.stream(out).max().orElseThrow()).isLessThan(SHAPE.codes());
            assertThat(net.sample(logits, items, new SplittableRandom(9))).containsExactly(out);
        } finally {
            Files.deleteIfExists(model);
        }
    }
}
