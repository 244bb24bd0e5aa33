package org.tecoplatform.prior.maskgit;

import java.util.Arrays;
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
import org.tecoplatform.nn.prior.CategoricalSampler;
import org.tecoplatform.nn.prior.PriorLogits;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.prior.RandomInput;

/**
 * The original's {@code MaskGit} module for one {@link PriorShape}: a token table of
 * {@code codes + 1} rows (the last is MASK) of width {@code vocab_dim}, a bidirectional
 * {@link Transformer} over the {@code (h, w)} grid with deter_t concatenated on channels, a dense
 * layer in, broadcast (per-axis) position embeddings and no output dense; then the MLM head: dense
 * (normal(0.02) kernel) → GELU (tanh) → LayerNorm → logits = x · table[:codes]ᵀ + bias.
 *
 * <p>Parameters, under the name TECO passes ({@link PriorNetwork#PARAMETER_PREFIX}; the original's {@code z_git}):
 * {@code token_embed}, {@code net.*} (see {@link Transformer}), {@code mlm.Dense_0.{kernel,bias}},
 * {@code mlm.LayerNorm_0.{scale,bias}}, {@code mlm.AddBias_0.bias}.
 */
public final class MaskGitNetwork implements PriorNetwork {

    /** The training loss's random input: {@code [N, L]}, 1 where a position is masked. */
    public static final String MASK_INPUT = "maskgit_mask";

    private final PriorShape shape;
    private final MaskGitConfig config;
    private final Transformer.Config transformer;
    private final CategoricalSampler sampler;

    MaskGitNetwork(PriorShape shape, MaskGitConfig config) {
        this.shape = shape;
        this.config = config;
        // No out_dim and use_fc_in: the original's Transformer defaults, which MaskGit keeps.
        this.transformer = new Transformer.Config(config.embedDim(), config.numHeads(), config.numLayers(), config.mlpDim(),
                new int[] {shape.height(), shape.width()}, Transformer.PositionEmbedding.BROADCAST, 0, true);
        this.sampler = new CategoricalSampler(config.temperature(), config.topK());
    }

    @Override
    public PriorShape shape() {
        return shape;
    }

    MaskGitConfig config() {
        return config;
    }

    @Override
    public List<RandomInput> randomInputs(int items) {
        return List.of(new RandomInput(MASK_INPUT, new int[] {items, shape.length()}));
    }

    @Override
    public Map<String, float[]> drawRandom(SplittableRandom rng, int items) {
        float[] mask = new float[Math.multiplyExact(items, shape.length())];
        config.schedule().draw(rng, items, shape.length(), mask);
        return Map.of(MASK_INPUT, mask);
    }

    /**
     * Softmax cross-entropy on the masked positions, as the original's {@code trans_loss}: the sum
     * over every masked position of the batch, divided by the number of masked positions, times L.
     * Masking happens in the graph: each position's embedding is blended with MASK's by its mask
     * value, so the codes stay one index input and the mask one float input.
     */
    @Override
    public <T> T trainingLoss(Ops<T> ops, String name, T codes, T cond, Map<String, T> random) {
        int n = checkGrid(ops, codes, cond);
        T mask = random.get(MASK_INPUT);
        if (mask == null) {
            throw new IllegalArgumentException("trainingLoss needs the random input " + MASK_INPUT + ", given " + random.keySet());
        }
        if (!Arrays.equals(ops.shape(mask), new int[] {n, shape.length()})) {
            throw new IllegalArgumentException(MASK_INPUT + " has shape " + Arrays.toString(ops.shape(mask)) + ", expected ["
                    + n + ", " + shape.length() + "]");
        }
        int h = shape.height();
        int w = shape.width();
        int k = shape.codes();
        T table = table(ops, name);
        T oneHot = ops.oneHot(codes, k + 1);
        // where(mask, MASK, codes), blended on the embeddings (m is 0 or 1): embed·(1 − m) + table[MASK]·m.
        // Blending the [.., vocab_dim] rows rather than the [.., codes + 1] one-hots keeps the temporaries small.
        T m = ops.reshape(mask, n, h, w, 1);
        T x = ops.add(ops.mul(embed(ops, oneHot, table), ops.sub(ops.scalar(1f), m)), ops.mul(ops.slice(table, 0, k, k + 1), m));
        T logits = step(ops, name, table, x, cond);

        T labels = ops.slice(oneHot, -1, 0, k);
        T ce = ops.mul(ops.reduceSum(ops.mul(labels, ops.logSoftmax(logits)), false, -1), ops.scalar(-shape.length()));
        T m3 = ops.reshape(mask, n, h, w);
        return ops.div(ops.reduceSum(ops.mul(ce, m3), false, 0, 1, 2), ops.reduceSum(m3, false, 0, 1, 2));
    }

    @Override
    public <T> T logits(Ops<T> ops, String name, T tokens, T cond) {
        checkGrid(ops, tokens, cond);
        T table = table(ops, name);
        return step(ops, name, table, embed(ops, ops.oneHot(tokens, shape.codes() + 1), table), cond);
    }

    /** {@code token_embed}: codes + 1 rows (the last is MASK) of width vocab_dim. */
    private <T> T table(Ops<T> ops, String name) {
        return ops.param(name + ".token_embed", Init.normal(0.02), shape.codes() + 1, config.vocabDim());
    }

    /** Token look-up as one-hot × matmul, not a gather: SameDiff's gather backpropagates wrongly (NOTES-DL4J). */
    private <T> T embed(Ops<T> ops, T oneHot, T table) {
        int[] s = ops.shape(oneHot);
        T flat = ops.matmul(ops.reshape(oneHot, -1, shape.codes() + 1), table);
        return ops.reshape(flat, s[0], s[1], s[2], config.vocabDim());
    }

    /** The original's {@code _step} after the look-up: embeddings {@code [N, h, w, vocab_dim]} → logits {@code [N, h, w, codes]}. */
    private <T> T step(Ops<T> ops, String name, T table, T x, T cond) {
        int[] s = ops.shape(x);
        int v = config.vocabDim();
        x = Transformer.apply(ops, name + ".net", transformer, x, cond, null);

        String mlm = name + ".mlm";
        x = Dense.apply(ops, mlm + ".Dense_0", x, v, true, Init.normal(0.02));
        x = Activations.geluTanh(ops, x);
        x = LayerNorm.apply(ops, mlm + ".LayerNorm_0", x);
        // Output weights tied to the token table without its MASK row.
        T out = ops.transpose(ops.slice(table, 0, 0, shape.codes()), 1, 0);
        T logits = ops.reshape(ops.matmul(ops.reshape(x, -1, v), out), s[0], s[1], s[2], shape.codes());
        return AddBias.apply(ops, mlm + ".AddBias_0", logits);
    }

    private <T> int checkGrid(Ops<T> ops, T tokens, T cond) {
        return shape.checkGrid(ops.shape(tokens), ops.shape(cond));
    }

    /**
     * The original's {@code MaskGit.sample}: all positions start as MASK; a draft round of
     * {@code T_draft} chunks, then {@code M} revise rounds of {@code T_revise} chunks. For each
     * chunk: its positions are set to MASK, logits are computed for the whole grid, and every
     * position of the chunk is sampled. Each item has its own random chunk order per round (the
     * original splits its rng per item).
     */
    @Override
    public int[] sample(PriorLogits logits, int items, SplittableRandom rng) {
        int length = shape.length();
        int[] tokens = new int[Math.multiplyExact(items, length)];
        Arrays.fill(tokens, shape.maskToken());
        round(logits, tokens, items, config.draftSteps(), rng);
        for (int r = 0; r < config.reviseRounds(); r++) {
            round(logits, tokens, items, config.reviseSteps(), rng);
        }
        return tokens;
    }

    private void round(PriorLogits logits, int[] tokens, int items, int chunks, SplittableRandom rng) {
        int length = shape.length();
        int k = shape.codes();
        ChunkPlan[] plans = new ChunkPlan[items];
        for (int i = 0; i < items; i++) {
            plans[i] = ChunkPlan.random(length, chunks, rng);
        }
        for (int c = 0; c < chunks; c++) {
            int[][] chunk = new int[items][];
            for (int i = 0; i < items; i++) {
                chunk[i] = plans[i].chunk(c);
                for (int p : chunk[i]) {
                    tokens[i * length + p] = shape.maskToken();
                }
            }
            // A copy: the caller's function must not be able to change the sampler's state.
            float[] l = logits.logits(tokens.clone());
            if (l.length != (long) tokens.length * k) {
                throw new IllegalStateException("prior logits gave " + l.length + " values, expected " + (long) tokens.length * k);
            }
            for (int i = 0; i < items; i++) {
                for (int p : chunk[i]) {
                    int at = i * length + p;
                    tokens[at] = sampler.sample(l, at * k, k, rng);
                }
            }
        }
    }

    /**
     * Every parameter's name and shape, from the sizes alone (nothing allocated): what building
     * {@link #logits} creates, e.g. to count a full-size model's parameters.
     */
    public Map<String, int[]> parameterShapes(String name) {
        Map<String, int[]> p = new LinkedHashMap<>();
        int d = config.embedDim();
        int v = config.vocabDim();
        int heads = config.numHeads();
        p.put(name + ".token_embed", new int[] {shape.codes() + 1, v});
        String net = name + ".net";
        p.put(net + ".Dense_0.kernel", new int[] {v + shape.condDim(), d});
        p.put(net + ".Dense_0.bias", new int[] {d});
        p.put(net + ".BroadcastPositionBiases_0.d_0", new int[] {shape.height(), d / 2 + d % 2});
        p.put(net + ".BroadcastPositionBiases_0.d_1", new int[] {shape.width(), d / 2});
        for (int i = 0; i < config.numLayers(); i++) {
            String layer = net + ".TransformerLayer_" + i;
            p.put(layer + ".LayerNorm_0.scale", new int[] {d});
            p.put(layer + ".LayerNorm_0.bias", new int[] {d});
            String mha = layer + ".MultiHeadAttention_0";
            for (String proj : new String[] {"query", "key", "value"}) {
                p.put(mha + "." + proj + ".kernel", new int[] {d, heads, d / heads});
                p.put(mha + "." + proj + ".bias", new int[] {heads, d / heads});
            }
            p.put(mha + ".out.kernel", new int[] {heads, d / heads, d});
            p.put(mha + ".out_bias.bias", new int[] {d});
            p.put(layer + ".LayerNorm_1.scale", new int[] {d});
            p.put(layer + ".LayerNorm_1.bias", new int[] {d});
            p.put(layer + ".MlpBlock_0.wi.kernel", new int[] {d, config.mlpDim()});
            p.put(layer + ".MlpBlock_0.wi.bias", new int[] {config.mlpDim()});
            p.put(layer + ".MlpBlock_0.wo.kernel", new int[] {config.mlpDim(), d});
            p.put(layer + ".MlpBlock_0.wo_bias.bias", new int[] {d});
        }
        p.put(net + ".Dense_1.kernel", new int[] {d, d});
        p.put(net + ".Dense_1.bias", new int[] {d});
        p.put(net + ".LayerNorm_0.scale", new int[] {d});
        p.put(net + ".LayerNorm_0.bias", new int[] {d});
        p.put(name + ".mlm.Dense_0.kernel", new int[] {d, v});
        p.put(name + ".mlm.Dense_0.bias", new int[] {v});
        p.put(name + ".mlm.LayerNorm_0.scale", new int[] {v});
        p.put(name + ".mlm.LayerNorm_0.bias", new int[] {v});
        p.put(name + ".mlm.AddBias_0.bias", new int[] {shape.codes()});
        return p;
    }

    /** Total scalars over {@link #parameterShapes}. */
    public long parameterCount() {
        long total = 0;
        for (int[] s : parameterShapes("").values()) {
            long c = 1;
            for (int x : s) {
                c *= x;
            }
            total += c;
        }
        return total;
    }
}
