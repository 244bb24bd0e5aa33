package org.tecoplatform.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code optax.adamw} as the original builds it ({@code b1 0.9, b2 0.95, eps 1e-8, eps_root 0,
 * weight_decay}, no mask), optionally preceded by {@code optax.clip_by_global_norm} (the original
 * does not clip; off by default). One {@link #step} applies, per parameter p with gradient g:
 *
 * <pre>
 *   g  ← g · max_norm / ‖g‖            (only when clipping and the global norm ‖g‖ ≥ max_norm)
 *   m  ← (1 − b1)·g + b1·m
 *   v  ← (1 − b2)·g² + b2·v
 *   t  ← count + 1
 *   u  ← (m / (1 − b1ᵗ)) / (√(v / (1 − b2ᵗ)) + eps) + weight_decay·p
 *   p  ← p − lr(count)·u               (lr evaluated at the count before this update)
 *   count ← t
 * </pre>
 *
 * Weight decay is decoupled (added to the Adam direction, scaled by the learning rate) and, as in
 * the original (optax.adamw with {@code mask=None}), applies to every parameter: kernels, biases,
 * LayerNorm/GroupNorm scales, embeddings and position tables alike.
 *
 * <p>The arithmetic runs element-wise on the ND4J arrays in their own precision (float32 for a
 * float32 graph, in one fused pass: {@link FusedAdamW}), updating the parameter arrays in place so
 * a SameDiff graph holding them sees the new values.
 */
public final class AdamW {

    /** Hyper-parameters; {@code clipNorm} ≤ 0 disables clipping. */
    public record Settings(double b1, double b2, double eps, double weightDecay, double clipNorm) {
        /** The original's optimiser: b1 0.9, b2 0.95, eps 1e-8, no clipping. */
        public static Settings teco(double weightDecay) {
            return new Settings(0.9, 0.95, 1e-8, weightDecay, 0);
        }

        public Settings withClipNorm(double maxNorm) {
            return new Settings(b1, b2, eps, weightDecay, maxNorm);
        }
    }

    private final Settings settings;
    private final LearningRateSchedule schedule;
    private final Map<String, INDArray> mu = new LinkedHashMap<>();
    private final Map<String, INDArray> nu = new LinkedHashMap<>();
    private long count;
    private double lastLearningRate = Double.NaN;
    private double lastGradNorm = Double.NaN;

    public AdamW(Settings settings, LearningRateSchedule schedule) {
        this.settings = settings;
        this.schedule = schedule;
    }

    public Settings settings() {
        return settings;
    }

    /** Updates applied so far (optax's {@code count}). */
    public long count() {
        return count;
    }

    /** The learning rate the last {@link #step} used. */
    public double lastLearningRate() {
        return lastLearningRate;
    }

    /** The global gradient norm of the last {@link #step} (before clipping). */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** First moments by parameter name (live arrays). */
    public Map<String, INDArray> mu() {
        return Collections.unmodifiableMap(mu);
    }

    /** Second moments by parameter name (live arrays). */
    public Map<String, INDArray> nu() {
        return Collections.unmodifiableMap(nu);
    }

    /** Replaces the state (for resuming): moments are copied. */
    public void restore(long count, Map<String, INDArray> mu, Map<String, INDArray> nu) {
        if (!mu.keySet().equals(nu.keySet())) {
            throw new IllegalArgumentException("first and second moments name different parameters");
        }
        this.count = count;
        this.mu.clear();
        this.nu.clear();
        mu.forEach((k, a) -> this.mu.put(k, a.dup()));
        nu.forEach((k, a) -> this.nu.put(k, a.dup()));
    }

    /**
     * One update of every parameter in {@code params} (in place) from {@code grads}, which must
     * hold a gradient of the same shape for each.
     */
    public void step(Map<String, INDArray> params, Map<String, INDArray> grads) {
        double sq = 0;
        for (String name : params.keySet()) {
            INDArray g = grads.get(name);
            if (g == null) {
                throw new IllegalArgumentException("no gradient for " + name);
            }
            if (!java.util.Arrays.equals(g.shape(), params.get(name).shape())) {
                throw new IllegalArgumentException("gradient of " + name + " has shape "
                        + java.util.Arrays.toString(g.shape()) + ", parameter " + java.util.Arrays.toString(params.get(name).shape()));
            }
            if (FusedAdamW.fits(g)) {
                sq += FusedAdamW.sumOfSquares(g);
            } else {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
        }
        double gNorm = Math.sqrt(sq);
        lastGradNorm = gNorm;
        boolean clip = settings.clipNorm() > 0 && gNorm >= settings.clipNorm();

        double lr = schedule.at(count);
        lastLearningRate = lr;
        long t = count + 1;
        double bc1 = 1 - Math.pow(settings.b1(), t);
        double bc2 = 1 - Math.pow(settings.b2(), t);
        List<FusedAdamW.Slot> fused = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String name = e.getKey();
            INDArray p = e.getValue();
            INDArray given = grads.get(name);
            INDArray m = mu.computeIfAbsent(name, k -> zerosLike(p));
            INDArray v = nu.computeIfAbsent(name, k -> zerosLike(p));
            if (FusedAdamW.fits(p) && FusedAdamW.fits(given) && FusedAdamW.fits(m) && FusedAdamW.fits(v)) {
                fused.add(new FusedAdamW.Slot(p, given, m, v));
                continue;
            }
            INDArray g = given.castTo(p.dataType());
            if (clip) {
                // optax.clip_by_global_norm: (t / g_norm) * max_norm
                INDArray scaled = g.div(gNorm).muli(settings.clipNorm());
                release(g, given);
                g = scaled;
            }
            // Temporaries are freed as soon as they are used: left to the garbage collector, their
            // off-heap buffers pile up over thousands of steps (the Java heap barely grows meanwhile).
            INDArray gm = g.mul(1 - settings.b1());
            m.muli(settings.b1()).addi(gm);
            gm.close();
            INDArray g2 = g.mul(g).muli(1 - settings.b2());
            v.muli(settings.b2()).addi(g2);
            g2.close();
            release(g, given);
            INDArray den = Transforms.sqrt(v.div(bc2), false).addi(settings.eps());
            INDArray u = m.div(bc1).divi(den);
            den.close();
            if (settings.weightDecay() != 0) {
                INDArray decay = p.mul(settings.weightDecay());
                u.addi(decay);
                decay.close();
            }
            p.subi(u.muli(lr));
            u.close();
        }
        // float32 arrays (every parameter of a float32 graph) in one pass over their memory
        FusedAdamW.step(fused, settings.b1(), settings.b2(), settings.eps(), settings.weightDecay(), lr, bc1, bc2,
                clip ? settings.clipNorm() / gNorm : 1.0);
        count = t;
    }

    /** A moment array: it outlives the step, so never in a step's workspace. */
    private static INDArray zerosLike(INDArray p) {
        try (var outside = org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return p.ulike().assign(0);
        }
    }

    /** Closes {@code a} unless it is the caller's own array {@code given} (castTo to the same type returns it). */
    private static void release(INDArray a, INDArray given) {
        if (a != given && a.closeable()) {
            a.close();
        }
    }
}
