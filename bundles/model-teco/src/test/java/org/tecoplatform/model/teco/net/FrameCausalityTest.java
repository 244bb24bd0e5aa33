package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/**
 * The temporal transformer's frame-causal mask and action pairing: deter of predicted frame i
 * (frame n_cond + i) depends on cond, on z of earlier predicted frames only, and on actions up to
 * its own frame (frame t carries action t+1 into the next position).
 */
class FrameCausalityTest {

    private static final int B = 2;

    private final TecoConfig cfg = Tiny.builder().seqLen(5).nCond(1).build();
    private final TecoModel model = Tiny.model(cfg);
    private final SameDiffOps ops = new SameDiffOps(new ParamStore(8), DataType.FLOAT);
    private final int h = cfg.zHeight();
    private final int w = cfg.zWidth();
    private final int e = cfg.embeddingDim();
    private final int frame = h * w * e;
    private final SplittableRandom rng = new SplittableRandom(1);
    private final float[] cond = Tiny.gaussian(rng, B * cfg.nCond() * frame);
    private final float[] z = Tiny.gaussian(rng, B * cfg.predictedFrames() * frame);
    private final int[] actions = Tiny.ints(rng, B * cfg.seqLen(), cfg.actionDim() + 1);

    FrameCausalityTest() {
        model.temporal(ops, B);
    }

    private float[] deter(float[] c, float[] zs, int[] acts) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TecoModel.COND, Nd4j.create(c, new long[] {B, cfg.nCond(), h, w, e}, 'c'));
        ph.put(TecoModel.Z, Nd4j.create(zs, new long[] {B, cfg.predictedFrames(), h, w, e}, 'c'));
        ph.put(TecoModel.ACTIONS, Nd4j.createFromArray(acts).reshape(B, cfg.seqLen()).castTo(DataType.INT));
        return ops.sameDiff().output(ph, TecoModel.DETER).get(TecoModel.DETER).dup().data().asFloat();
    }

    /** Largest change of deter of predicted frame i over the batch. */
    private double change(float[] a, float[] b, int i) {
        double max = 0;
        int frames = cfg.predictedFrames();
        for (int v = 0; v < B; v++) {
            for (int k = 0; k < frame; k++) {
                int at = (v * frames + i) * frame + k;
                max = Math.max(max, Math.abs(a[at] - b[at]));
            }
        }
        return max;
    }

    @Test
    void aLatentFrameAffectsOnlyTheDeterOfLaterFrames() {
        float[] base = deter(cond, z, actions);
        for (int j = 0; j < cfg.predictedFrames(); j++) {
            float[] zs = z.clone();
            for (int v = 0; v < B; v++) {
                for (int k = 0; k < frame; k++) {
                    zs[(v * cfg.predictedFrames() + j) * frame + k] += 1f;
                }
            }
            float[] moved = deter(cond, zs, actions);
            for (int i = 0; i < cfg.predictedFrames(); i++) {
                if (i <= j) {
                    assertThat(change(base, moved, i)).as("deter %d after perturbing z %d", i, j).isEqualTo(0.0);
                } else {
                    assertThat(change(base, moved, i)).as("deter %d after perturbing z %d", i, j).isGreaterThan(1e-4);
                }
            }
        }
    }

    @Test
    void anActionAffectsTheDeterOfItsOwnFrameOnward() {
        float[] base = deter(cond, z, actions);
        for (int t = 1; t < cfg.seqLen(); t++) {
            int[] acts = actions.clone();
            for (int v = 0; v < B; v++) {
                acts[v * cfg.seqLen() + t] = (acts[v * cfg.seqLen() + t] + 1) % (cfg.actionDim() + 1);
            }
            float[] moved = deter(cond, z, acts);
            for (int i = 0; i < cfg.predictedFrames(); i++) {
                int predictedFrame = cfg.nCond() + i;
                if (predictedFrame < t) {
                    assertThat(change(base, moved, i)).as("deter of frame %d after changing action %d", predictedFrame, t)
                            .isEqualTo(0.0);
                } else {
                    assertThat(change(base, moved, i)).as("deter of frame %d after changing action %d", predictedFrame, t)
                            .isGreaterThan(1e-4);
                }
            }
        }
        // Action 0 is never used (frame t is paired with action t+1).
        int[] acts = actions.clone();
        for (int v = 0; v < B; v++) {
            acts[v * cfg.seqLen()] = (acts[v * cfg.seqLen()] + 1) % (cfg.actionDim() + 1);
        }
        assertThat(deter(cond, z, acts)).containsExactly(base);
    }

    @Test
    void theConditioningFrameAffectsEveryDeter() {
        float[] base = deter(cond, z, actions);
        float[] c = cond.clone();
        for (int k = 0; k < c.length; k++) {
            c[k] += 1f;
        }
        float[] moved = deter(c, z, actions);
        for (int i = 0; i < cfg.predictedFrames(); i++) {
            assertThat(change(base, moved, i)).isGreaterThan(1e-4);
        }
    }
}
