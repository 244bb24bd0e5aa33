package org.tecoplatform.model.teco.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import ai.onnxruntime.OrtException;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.nn.prior.GraphTensor;
import org.tecoplatform.nn.prior.PriorGraphs;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.onnx.OrtSettings;

/**
 * TECO's sampling loop (the original's {@code sample}) on the exported graphs: observe the
 * first seq_len frames' codes, then for every frame from {@code ctx} on: deter_t from the
 * temporal transformer, the prior's sampler for z_t's codes, the codebook look-up, and the
 * decoder's argmax for the frame's VQ-GAN codes. Past seq_len the window slides as in the
 * original: the last seq_len − 1 frames are observed again (plus a dummy) and the transformer
 * runs over the whole window.
 *
 * <p>Within the first window the temporal transformer runs either as the original does, over
 * every position for every frame ({@code cache = false}), or one frame position at a time
 * against a key/value cache ({@code cache = true}); both consume the random stream identically.
 * The same flag reaches the prior's sampler, which may have a cached mode of its own.
 *
 * <p>{@code pastFrames} below seq_len − 1 shortens the model's memory: every frame is then
 * predicted from at most that many frames before it (a window of them observed afresh), as a
 * sliding-window model with a short context would be; the same trained model, so a comparison
 * isolates how much the longer context is worth.
 */
final class TecoSampler implements AutoCloseable {

    private final TecoConfig c;
    private final PriorNetwork prior;
    private final OrtGraph observe;
    private final OrtGraph temporal;
    private final OrtGraph lookup;
    private final Path exportDir;
    private final OrtSettings ort;
    private final boolean cache;
    private final Map<String, OrtGraph> priorSessions = new HashMap<>();
    private final PriorGraphs priorGraphs = this::runPriorGraph;
    private final OrtGraph decoder;
    private final CachedTemporal cached;
    /** Most frames before a generated frame that its prediction sees (seq_len − 1: the whole window). */
    private final int pastFrames;

    TecoSampler(Path exportDir, TecoConfig c, PriorNetwork prior, OrtSettings ort, boolean cache) throws IOException, OrtException {
        this(exportDir, c, prior, ort, cache, c.seqLen() - 1);
    }

    TecoSampler(Path exportDir, TecoConfig c, PriorNetwork prior, OrtSettings ort, boolean cache, int pastFrames)
            throws IOException, OrtException {
        if (pastFrames < c.nCond() || pastFrames > c.seqLen() - 1) {
            throw new IllegalArgumentException("past frames " + pastFrames + " must be in [n_cond " + c.nCond() + ", seq_len - 1 "
                    + (c.seqLen() - 1) + "]");
        }
        this.pastFrames = pastFrames;
        this.c = c;
        this.prior = prior;
        this.observe = new OrtGraph(exportDir.resolve(InferenceExport.OBSERVE), ort);
        this.temporal = new OrtGraph(exportDir.resolve(InferenceExport.TEMPORAL), ort);
        this.lookup = new OrtGraph(exportDir.resolve(InferenceExport.LOOKUP), ort);
        this.exportDir = exportDir;
        this.ort = ort;
        this.cache = cache;
        this.decoder = new OrtGraph(exportDir.resolve(InferenceExport.DECODER), ort);
        this.cached = cache ? new CachedTemporal(exportDir, c, ort) : null;
    }

    /**
     * @param codes   VQ-GAN codes {@code [B, frames, H, W]}; only the first {@code ctx} frames are read
     * @param actions action ids {@code [B, frames]} in {@code [0, action_dim]} (action_dim = none)
     * @param onFrame told the index of each generated frame
     * @return codes {@code [B, frames, H, W]}: the context frames as given, the rest generated
     */
    int[] rollout(int[] codes, int[] actions, int b, int frames, int ctx, SplittableRandom rng, IntConsumer onFrame) throws OrtException {
        int s = c.seqLen();
        int nc = c.nCond();
        int hw = c.latentHeight() * c.latentWidth();
        int zSize = c.zHeight() * c.zWidth() * c.embeddingDim();
        if (ctx < nc || ctx >= frames) {
            throw new IllegalArgumentException("context " + ctx + " must be in [n_cond " + nc + ", frames " + frames + ")");
        }
        int[] out = new int[b * frames * hw];
        for (int v = 0; v < b; v++) {
            System.arraycopy(codes, v * frames * hw, out, v * frames * hw, ctx * hw);
        }
        // Window state: cond [B, nc, h, w, E] and z of window positions nc..s-1 [B, s - nc, h, w, E].
        float[][] window = observeWindow(out, b, frames, 0, Math.min(s, ctx), ctx);
        float[] cond = window[0];
        float[] zs = window[1];
        int w = pastFrames;
        if (cached != null && ctx <= w) {
            cached.start(b, cond, zs, actions, frames, ctx);
        }
        for (int i = ctx; i < frames; i++) {
            int pos;
            long[] act;
            float[] deter;
            if (i > w) {
                // Slide: observe the last w frames plus dummies; the frame is predicted at position w
                // (w = s - 1 by default: the whole window, as the original).
                window = observeWindow(out, b, frames, i - w, w, w);
                cond = window[0];
                zs = window[1];
                pos = w;
                act = actionWindow(actions, b, frames, i - w);
                deter = fullDeter(cond, zs, act, b, pos);
            } else {
                pos = i;
                act = actionWindow(actions, b, frames, 0);
                deter = cached != null ? cached.deter(b, pos, zs, cond, actions, frames) : fullDeter(cond, zs, act, b, pos);
            }
            int[] zCodes = samplePrior(deter, b, rng);
            float[] z = (float[]) lookup.run(OrtGraph.In.longs(TecoModel.Z_CODES, longs(zCodes), b, c.zHeight(), c.zWidth()))
                    .get(TecoModel.Z);
            for (int v = 0; v < b; v++) {
                System.arraycopy(z, v * zSize, zs, (v * (s - nc) + pos - nc) * zSize, zSize);
            }
            long[] frame = (long[]) decoder.run(
                    OrtGraph.In.floats(TecoModel.DETER, deter, b, c.zHeight(), c.zWidth(), c.embeddingDim()),
                    OrtGraph.In.floats(TecoModel.Z, z, b, c.zHeight(), c.zWidth(), c.embeddingDim())).get(TecoModel.VQ_CODES);
            for (int v = 0; v < b; v++) {
                for (int k = 0; k < hw; k++) {
                    out[(v * frames + i) * hw + k] = (int) frame[v * hw + k];
                }
            }
            onFrame.accept(i);
        }
        return out;
    }

    /**
     * Observes a window of {@code s} frames starting at {@code start}: the first {@code known}
     * frames from {@code codes}, the rest zeros (placeholders the causal mask keeps unseen).
     */
    private float[][] observeWindow(int[] codes, int b, int frames, int start, int known, int ignored) throws OrtException {
        int s = c.seqLen();
        int hw = c.latentHeight() * c.latentWidth();
        long[] window = new long[b * s * hw];
        for (int v = 0; v < b; v++) {
            for (int f = 0; f < known; f++) {
                for (int k = 0; k < hw; k++) {
                    window[(v * s + f) * hw + k] = codes[(v * frames + start + f) * hw + k];
                }
            }
        }
        var r = observe.run(OrtGraph.In.longs(TecoModel.CODES, window, b, s, c.latentHeight(), c.latentWidth()));
        return new float[][] {(float[]) r.get(TecoModel.COND), (float[]) r.get(TecoModel.Z)};
    }

    /** Actions of window positions {@code [start, start + s)}: position p carries the action of frame start + p. */
    private long[] actionWindow(int[] actions, int b, int frames, int start) {
        int s = c.seqLen();
        long[] a = new long[b * s];
        for (int v = 0; v < b; v++) {
            for (int p = 0; p < s; p++) {
                int f = start + p;
                a[v * s + p] = f < frames ? actions[v * frames + f] : c.noAction();
            }
        }
        return a;
    }

    /** deter of window position {@code pos} from the whole temporal transformer. */
    private float[] fullDeter(float[] cond, float[] zs, long[] act, int b, int pos) throws OrtException {
        int s = c.seqLen();
        int nc = c.nCond();
        int zSize = c.zHeight() * c.zWidth() * c.embeddingDim();
        float[] all = (float[]) temporal.run(
                OrtGraph.In.floats(TecoModel.COND, cond, b, nc, c.zHeight(), c.zWidth(), c.embeddingDim()),
                OrtGraph.In.floats(TecoModel.Z, zs, b, s - nc, c.zHeight(), c.zWidth(), c.embeddingDim()),
                OrtGraph.In.longs(TecoModel.ACTIONS, act, b, s)).get(TecoModel.DETER);
        float[] deter = new float[b * zSize];
        for (int v = 0; v < b; v++) {
            System.arraycopy(all, (v * (s - nc) + pos - nc) * zSize, deter, v * zSize, zSize);
        }
        return deter;
    }

    /** z_t's codes from the prior's own sampler over its exported graphs. */
    private int[] samplePrior(float[] deter, int b, SplittableRandom rng) {
        return prior.sample(priorGraphs, deter, b, rng, cache);
    }

    /** The prior's graphs by name, each session opened on first use. */
    private Map<String, Object> runPriorGraph(String graph, Map<String, GraphTensor> inputs) {
        try {
            OrtGraph g = priorSessions.get(graph);
            if (g == null) {
                g = new OrtGraph(exportDir.resolve(graph + ".onnx"), ort);
                priorSessions.put(graph, g);
            }
            List<OrtGraph.In> in = new ArrayList<>();
            inputs.forEach((name, t) -> in.add(new OrtGraph.In(name, t.data(), t.shape())));
            return g.run(in.toArray(OrtGraph.In[]::new));
        } catch (OrtException | IOException e) {
            throw new IllegalStateException("prior graph " + graph + " failed: " + e.getMessage(), e);
        }
    }

    static long[] longs(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }

    @Override
    public void close() throws OrtException {
        for (OrtGraph g : new OrtGraph[] {observe, temporal, lookup, decoder}) {
            g.close();
        }
        for (OrtGraph g : priorSessions.values()) {
            g.close();
        }
        if (cached != null) {
            cached.close();
        }
    }
}
