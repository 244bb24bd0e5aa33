package org.tecoplatform.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.Masks;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.nn.Transformer;

/**
 * Training a tiny frame-causal transformer with AdamW: N steps in one go equal k steps, a
 * checkpoint, a fresh graph loaded from it, and N − k more steps — bit for bit.
 */
class ResumeTest {

    private static final Transformer.Config CFG = new Transformer.Config(8, 2, 1, 16, new int[] {2, 2},
            Transformer.PositionEmbedding.SINUSOIDAL, 0, true);
    private static final String CONFIG = "model:\n  embed_dim: 8\n  num_heads: 2\nlr: 0.01  # résumé\n";

    /** A training run: graph, optimiser, random state. */
    private static final class Run {
        final ParamStore params;
        final SameDiff sd;
        final AdamW opt;
        final RunRng rng;

        Run(ParamStore params, AdamW opt, RunRng rng) {
            this.params = params;
            SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
            var x = ops.input("x", 2, 2, 2, 3);
            var y = Transformer.apply(ops, "tfm", CFG, x, null, Masks.frameCausal(2, 2));
            this.sd = ops.sameDiff();
            SDVariable target = sd.placeHolder("target", DataType.FLOAT, 2, 2, 2, 8);
            SDVariable err = y.sd().sub(target);
            sd.identity("loss", sd.mean(err.mul(err)));
            sd.setLossVariables("loss");
            this.opt = opt;
            this.rng = rng;
        }

        /** One step on a fixed batch plus input noise drawn from the run's random state. */
        double step() {
            Map<String, INDArray> ph = new HashMap<>();
            ph.put("x", X.add(draw(rng, 2, 2, 2, 3).muli(0.1)));
            ph.put("target", TARGET);
            return SameDiffTraining.step(sd, params, opt, ph, "loss");
        }

        ParamStore snapshot() {
            ParamStore out = new ParamStore(params.seed());
            for (Map.Entry<String, INDArray> e : SameDiffTraining.parameterArrays(sd, params).entrySet()) {
                out.put(e.getKey(), params.shape(e.getKey()), e.getValue().dup().data().asFloat());
            }
            return out;
        }
    }

    private static final INDArray X = draw(new RunRng(1), 2, 2, 2, 3);
    private static final INDArray TARGET = draw(new RunRng(2), 2, 2, 2, 8);

    private static INDArray draw(RunRng rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] d = new float[(int) n];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return Nd4j.create(d, shape, 'c');
    }

    private static AdamW newOptimizer() {
        return new AdamW(AdamW.Settings.teco(1e-2).withClipNorm(1.0), LearningRateSchedule.tecoCosine(1e-2, 2, 12));
    }

    @Test
    void resumingFromACheckpointContinuesBitForBit(@TempDir Path dir) throws IOException {
        int n = 6, k = 3;
        Run straight = new Run(new ParamStore(7), newOptimizer(), new RunRng(99));
        double first = Double.NaN, last = Double.NaN;
        for (int i = 0; i < n; i++) {
            double loss = straight.step();
            if (i == 0) {
                first = loss;
            }
            last = loss;
        }
        System.out.printf("resume: loss %.5f -> %.5f over %d steps%n", first, last, n);
        assertThat(last).isLessThan(first);

        Run before = new Run(new ParamStore(7), newOptimizer(), new RunRng(99));
        for (int i = 0; i < k; i++) {
            before.step();
        }
        Path root = dir.resolve("checkpoints");
        Checkpoints.save(root, k, before.snapshot(), before.opt, before.rng, CONFIG);

        Path latest = Checkpoints.latest(root).orElseThrow();
        Checkpoints.Checkpoint ck = Checkpoints.load(latest);
        assertThat(ck.step()).isEqualTo(k);
        assertThat(ck.config()).isEqualTo(CONFIG);
        AdamW opt = newOptimizer();
        RunRng rng = new RunRng(0);
        ck.restoreInto(opt, rng);
        Run after = new Run(ck.params(), opt, rng);
        for (int i = k; i < n; i++) {
            after.step();
        }
        assertThat(after.opt.count()).isEqualTo(n);
        assertThat(after.rng.state()).isEqualTo(straight.rng.state());
        ParamStore a = straight.snapshot();
        ParamStore b = after.snapshot();
        assertThat(b.names()).isEqualTo(a.names());
        for (String name : a.names()) {
            assertThat(b.get(name)).as(name).containsExactly(a.get(name));
        }
        for (String name : straight.opt.mu().keySet()) {
            assertThat(after.opt.mu().get(name).data().asFloat()).as("mu " + name)
                    .containsExactly(straight.opt.mu().get(name).data().asFloat());
            assertThat(after.opt.nu().get(name).data().asFloat()).as("nu " + name)
                    .containsExactly(straight.opt.nu().get(name).data().asFloat());
        }
    }

    @Test
    void latestIgnoresIncompleteAndTemporaryFolders(@TempDir Path root) throws IOException {
        assertThat(Checkpoints.latest(root.resolve("absent"))).isEmpty();
        ParamStore p = new ParamStore(1);
        p.put("w", new int[] {2}, new float[] {1, 2});
        AdamW opt = new AdamW(AdamW.Settings.teco(0), LearningRateSchedule.constant(0.1));
        opt.step(Map.of("w", Nd4j.createFromArray(1f, 2f)), Map.of("w", Nd4j.createFromArray(0.5f, -0.5f)));
        RunRng rng = new RunRng(5);
        rng.nextLong();
        Checkpoints.save(root, 10, p, opt, rng, "a: 1\n");
        Checkpoints.save(root, 20, p, opt, rng, "a: 2\n");
        // A later folder without its state file (an interrupted copy) and a crashed temporary.
        Files.createDirectories(root.resolve("step_000000000030"));
        Files.createDirectories(root.resolve(".tmp-step_000000000040-123"));
        assertThat(Checkpoints.latest(root)).contains(Checkpoints.folder(root, 20));
        assertThatThrownBy(() -> Checkpoints.load(root.resolve("step_000000000030"))).isInstanceOf(IOException.class);

        Checkpoints.Checkpoint ck = Checkpoints.load(Checkpoints.folder(root, 20));
        assertThat(ck.config()).isEqualTo("a: 2\n");
        assertThat(ck.optimizerCount()).isEqualTo(1);
        assertThat(ck.rngState()).isEqualTo(rng.state());
        assertThat(ck.params().get("w")).containsExactly(1f, 2f);
        assertThat(ck.mu().get("w").data().asFloat()).containsExactly(opt.mu().get("w").data().asFloat());

        // Saving again clears the crashed temporary; re-saving a step replaces it whole.
        Checkpoints.save(root, 20, p, opt, rng, "a: 3\n");
        assertThat(Files.exists(root.resolve(".tmp-step_000000000040-123"))).isFalse();
        assertThat(Checkpoints.load(Checkpoints.folder(root, 20)).config()).isEqualTo("a: 3\n");
        try (var s = Files.list(root)) {
            assertThat(s.map(x -> x.getFileName().toString()).sorted().toList())
                    .containsExactly("step_000000000010", "step_000000000020", "step_000000000030");
        }
        // Pruning keeps the newest complete ones and leaves incomplete folders alone.
        Checkpoints.save(root, 25, p, opt, rng, "a: 4\n");
        Checkpoints.prune(root, 2);
        try (var s = Files.list(root)) {
            assertThat(s.map(x -> x.getFileName().toString()).sorted().toList())
                    .containsExactly("step_000000000020", "step_000000000025", "step_000000000030");
        }
        assertThat(Checkpoints.latest(root)).contains(Checkpoints.folder(root, 25));
    }

    @Test
    void runRngRestoresItsStream() {
        RunRng a = new RunRng(123);
        a.nextGaussian();
        long saved = a.state();
        double[] next = {a.nextDouble(), a.nextGaussian(), a.nextInt(7), a.nextLong()};
        RunRng b = new RunRng(0);
        b.restore(saved);
        assertThat(new double[] {b.nextDouble(), b.nextGaussian(), b.nextInt(7), b.nextLong()}).containsExactly(next);
        // Splits are independent of the parent's later draws but reproducible.
        RunRng c = new RunRng(123);
        RunRng d = new RunRng(123);
        assertThat(c.split().nextLong()).isEqualTo(d.split().nextLong());
        int[] counts = new int[3];
        RunRng e = new RunRng(1);
        for (int i = 0; i < 3000; i++) {
            counts[e.nextInt(3)]++;
        }
        for (int x : counts) {
            assertThat(x).isBetween(900, 1100);
        }
    }
}
