package org.tecoplatform.model.teco.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ai.onnxruntime.OrtException;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.model.teco.export.TemporalStepGraph;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.KvCache;
import org.tecoplatform.onnx.OrtSettings;

/**
 * The temporal transformer one frame position at a time against a key/value cache of the
 * window's seq_len positions ({@link TemporalStepGraph}): each new frame costs the same whatever
 * its place in the window, instead of a pass over every position. Position 0 is the learned sos
 * frame; position k ≥ 1 is frame k − 1's latent (cond for the first n_cond) with action k.
 */
final class CachedTemporal implements AutoCloseable {

    private final TecoConfig c;
    private final OrtGraph step;
    private KvCache cache;

    CachedTemporal(Path exportDir, TecoConfig c, OrtSettings ort) throws IOException, OrtException {
        this.c = c;
        this.step = new OrtGraph(exportDir.resolve(InferenceExport.TEMPORAL_STEP), ort);
    }

    /** A fresh cache holding positions {@code 0 .. ctx − 1} of the observed context. */
    void start(int b, float[] cond, float[] zs, int[] actions, int frames, int ctx) throws OrtException {
        cache = new KvCache(c.tfmLayers(), b, c.tfmHeads(), c.tfmEmbedDim() / c.tfmHeads(), c.tfmHeight() * c.tfmWidth(), c.seqLen());
        for (int pos = 0; pos < ctx; pos++) {
            run(b, pos, cond, zs, actions, frames);
        }
    }

    /** deter of window position {@code pos} (all earlier positions cached); caches this position too. */
    float[] deter(int b, int pos, float[] zs, float[] cond, int[] actions, int frames) throws OrtException {
        return run(b, pos, cond, zs, actions, frames);
    }

    private float[] run(int b, int pos, float[] cond, float[] zs, int[] actions, int frames) throws OrtException {
        int nc = c.nCond();
        int zSize = c.zHeight() * c.zWidth() * c.embeddingDim();
        float[] z = new float[b * zSize];
        long[] act = new long[b];
        for (int v = 0; v < b; v++) {
            if (pos >= 1) {
                int f = pos - 1;
                if (f < nc) {
                    System.arraycopy(cond, (v * nc + f) * zSize, z, v * zSize, zSize);
                } else {
                    System.arraycopy(zs, (v * (c.seqLen() - nc) + f - nc) * zSize, z, v * zSize, zSize);
                }
            }
            act[v] = pos < frames ? actions[v * frames + pos] : c.noAction();
        }
        List<OrtGraph.In> in = new ArrayList<>();
        in.add(OrtGraph.In.floats(TemporalStepGraph.Z, z, b, c.zHeight(), c.zWidth(), c.embeddingDim()));
        in.add(OrtGraph.In.longs(TemporalStepGraph.ACTION, act, b));
        in.add(OrtGraph.In.floats(TemporalStepGraph.IS_SOS, new float[] {pos == 0 ? 1f : 0f}, 1));
        in.add(OrtGraph.In.longs(CachedTransformerGraphs.FRAME, new long[] {pos}, 1));
        int n = cache.tokensPerFrame();
        in.add(OrtGraph.In.floats(CachedTransformerGraphs.BIAS, cache.bias(), n, (long) cache.capacity() + n));
        long[] kv = {b, c.tfmHeads(), cache.capacity(), c.tfmEmbedDim() / c.tfmHeads()};
        for (int l = 0; l < c.tfmLayers(); l++) {
            in.add(OrtGraph.In.floats(CachedTransformerGraphs.pastKey(l), cache.keys(l), kv));
            in.add(OrtGraph.In.floats(CachedTransformerGraphs.pastValue(l), cache.values(l), kv));
        }
        Map<String, Object> out = step.run(in.toArray(OrtGraph.In[]::new));
        List<float[]> keys = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (int l = 0; l < c.tfmLayers(); l++) {
            keys.add((float[]) out.get(CachedTransformerGraphs.key(l)));
            values.add((float[]) out.get(CachedTransformerGraphs.value(l)));
        }
        cache.write(pos, keys, values);
        return (float[]) out.get(TemporalStepGraph.DETER);
    }

    @Override
    public void close() throws OrtException {
        step.close();
    }
}
