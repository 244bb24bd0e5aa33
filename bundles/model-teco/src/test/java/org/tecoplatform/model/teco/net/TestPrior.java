package org.tecoplatform.model.teco.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.Activations;
import org.tecoplatform.nn.AddBias;
import org.tecoplatform.nn.Dense;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.LayerNorm;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.Transformer;
import org.tecoplatform.nn.prior.PriorLogits;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.prior.RandomInput;

/**
 * A test-only stand-in for the MaskGit prior (bundle prior-maskgit is written elsewhere): the
 * same parameter shapes (token table with a MASK row, a transformer with broadcast positions and
 * deter concatenated on channels, an MLM head tied to the table) and a MaskGit-like training loss
 * (cross-entropy on host-drawn masked positions, times L). Its sampler is a plain argmax.
 */
final class TestPrior implements PriorNetwork {

    static final String MASK = "mask";

    private final PriorShape shape;
    private final int vocabDim;
    private final Transformer.Config tfm;

    TestPrior(PriorShape shape, int vocabDim, int embedDim, int mlpDim, int heads, int layers) {
        this.shape = shape;
        this.vocabDim = vocabDim;
        this.tfm = new Transformer.Config(embedDim, heads, layers, mlpDim, new int[] {shape.height(), shape.width()},
                Transformer.PositionEmbedding.BROADCAST, 0, true);
    }

    @Override
    public PriorShape shape() {
        return shape;
    }

    @Override
    public List<RandomInput> randomInputs(int items) {
        return List.of(new RandomInput(MASK, new int[] {items, shape.height(), shape.width()}));
    }

    /** Per item: cosine schedule ratio, max(1, ⌊ratio·L⌋) positions masked (1.0) at random. */
    @Override
    public Map<String, float[]> drawRandom(SplittableRandom rng, int items) {
        int l = shape.length();
        float[] mask = new float[items * l];
        for (int i = 0; i < items; i++) {
            double ratio = Math.cos(Math.PI / 2 * rng.nextDouble());
            int count = Math.max(1, (int) Math.floor(ratio * l));
            int[] perm = new int[l];
            for (int j = 0; j < l; j++) {
                perm[j] = j;
            }
            for (int j = l - 1; j > 0; j--) {
                int k = rng.nextInt(j + 1);
                int t = perm[j];
                perm[j] = perm[k];
                perm[k] = t;
            }
            for (int j = 0; j < count; j++) {
                mask[i * l + perm[j]] = 1f;
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put(MASK, mask);
        return out;
    }

    private <T> T table(Ops<T> ops, String name) {
        return ops.param(name + ".token_embed", Init.normal(0.02), shape.codes() + 1, vocabDim);
    }

    /** Token embeddings {@code [N, h, w, vocab]} of ids, with positions where {@code mask} is 1 replaced by MASK. */
    private <T> T embed(Ops<T> ops, String name, T ids, T mask) {
        int rows = shape.codes() + 1;
        int[] s = ops.shape(ids);
        T oh = ops.oneHot(ids, rows);
        if (mask != null) {
            float[] maskRow = new float[rows];
            maskRow[shape.maskToken()] = 1f;
            T m = ops.reshape(mask, s[0], s[1], s[2], 1);
            oh = ops.add(ops.mul(oh, ops.sub(ops.scalar(1f), m)), ops.mul(m, ops.constant(maskRow, rows)));
        }
        T e = ops.matmul(ops.reshape(oh, -1, rows), table(ops, name));
        return ops.reshape(e, s[0], s[1], s[2], vocabDim);
    }

    private <T> T head(Ops<T> ops, String name, T x) {
        T h = Transformer.apply(ops, name + ".net", tfm, x, null, null);
        h = Dense.apply(ops, name + ".mlm.Dense_0", h, vocabDim, true, Init.normal(0.02));
        h = LayerNorm.apply(ops, name + ".mlm.LayerNorm_0", Activations.geluTanh(ops, h));
        int[] s = ops.shape(h);
        T words = ops.slice(table(ops, name), 0, 0, shape.codes());
        T logits = ops.matmul(ops.reshape(h, -1, vocabDim), ops.transpose(words, 1, 0));
        logits = ops.reshape(logits, s[0], s[1], s[2], shape.codes());
        return AddBias.apply(ops, name + ".mlm.AddBias_0", logits);
    }

    @Override
    public <T> T trainingLoss(Ops<T> ops, String name, T codes, T cond, Map<String, T> random) {
        T mask = random.get(MASK);
        T x = ops.concat(-1, List.of(embed(ops, name, codes, mask), cond));
        T logp = Logs.logSoftmax(ops, head(ops, name, x));
        T ce = ops.mul(ops.reduceSum(ops.mul(ops.oneHot(codes, shape.codes()), logp), false, 3), ops.scalar(-1f));
        T masked = ops.reduceSum(ops.mul(ce, mask), false, 0, 1, 2);
        T loss = ops.div(masked, ops.reduceSum(mask, false, 0, 1, 2));
        return ops.mul(loss, ops.scalar(shape.length()));
    }

    @Override
    public <T> T logits(Ops<T> ops, String name, T tokens, T cond) {
        return head(ops, name, ops.concat(-1, List.of(embed(ops, name, tokens, null), cond)));
    }

    @Override
    public int[] sample(PriorLogits logits, int items, SplittableRandom rng) {
        int l = shape.length();
        int[] tokens = new int[items * l];
        java.util.Arrays.fill(tokens, shape.maskToken());
        float[] lg = logits.logits(tokens);
        int[] out = new int[items * l];
        for (int i = 0; i < items * l; i++) {
            int best = 0;
            for (int k = 1; k < shape.codes(); k++) {
                if (lg[i * shape.codes() + k] > lg[i * shape.codes() + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
