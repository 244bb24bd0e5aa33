package org.tecoplatform.prior.autoregressive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.Masks;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.Transformer;
import org.tecoplatform.nn.prior.CategoricalSampler;
import org.tecoplatform.nn.prior.PriorGraphs;
import org.tecoplatform.nn.prior.PriorLogits;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.prior.RandomInput;

/**
 * A causal transformer over one frame's latent grid in raster order: position i predicts code i
 * from codes 0..i−1 and deter_t. Its input at position i is the embedding of code i−1 (a learned
 * start token at position 0) concatenated on channels with deter_t at position i, then the kit's
 * {@link Transformer} (fc in, learned absolute positions, L = h·w tokens under the causal mask,
 * dense + GELU + LayerNorm, an output dense to the codes). Concatenation, as MaskGit takes deter_t:
 * each position sees the conditioning of the code it is about to predict directly, and the fc in
 * mixes both, which a projection added to the token embedding would also do at the cost of one
 * more dense layer.
 *
 * <p>Parameters, under the name TECO passes: {@code token_embed} [codes + 1, vocab_dim] (the last
 * row is the start token) and {@code net.*} ({@link Transformer} with
 * {@code AbsolutePositionBiases_0}, {@code Dense_2} to the codes, {@code AddBias_0}).
 *
 * <p>Graphs: {@link #logits} (every position at once; tokens at and after a position do not
 * matter to it) and {@value #STEP_GRAPH} (one position against a key/value cache of the earlier
 * ones: {@link CachedDecoding}).
 */
final class AutoregressiveNetwork implements PriorNetwork {

    /** The cached step graph's name ({@code prior_step.onnx}). */
    static final String STEP_GRAPH = "prior_step";
    /** Step graph input: the previous code (the start token at position 0), index {@code [B, 1]}. */
    static final String PREVIOUS = "previous";

    private final PriorShape shape;
    private final AutoregressiveConfig config;
    private final Transformer.Config transformer;
    private final CategoricalSampler sampler;

    AutoregressiveNetwork(PriorShape shape, AutoregressiveConfig config) {
        this.shape = shape;
        this.config = config;
        this.transformer = new Transformer.Config(config.embedDim(), config.numHeads(), config.numLayers(), config.mlpDim(),
                new int[] {shape.length()}, Transformer.PositionEmbedding.ABSOLUTE, shape.codes(), true);
        this.sampler = new CategoricalSampler(config.temperature(), config.topK(), config.topP());
    }

    @Override
    public PriorShape shape() {
        return shape;
    }

    AutoregressiveConfig config() {
        return config;
    }

    Transformer.Config transformer() {
        return transformer;
    }

    CategoricalSampler sampler() {
        return sampler;
    }

    /** The start token's id: the table's last row (the shape's mask token, which no code uses). */
    int startToken() {
        return shape.codes();
    }

    /** Teacher forcing needs no randomness. */
    @Override
    public List<RandomInput> randomInputs(int items) {
        return List.of();
    }

    @Override
    public Map<String, float[]> drawRandom(SplittableRandom rng, int items) {
        return Map.of();
    }

    /**
     * Teacher forcing: softmax cross-entropy at every position given the true earlier codes,
     * summed over the grid and averaged over items (the scale of MaskGit's loss and of the
     * decoder's).
     */
    @Override
    public <T> T trainingLoss(Ops<T> ops, String name, T codes, T cond, Map<String, T> random) {
        int n = checkGrid(ops, codes, cond);
        int k = shape.codes();
        T oneHot = ops.oneHot(codes, k + 1);
        T logits = ops.reshape(forward(ops, name, oneHot, cond), n, shape.length(), k);
        T labels = ops.reshape(ops.slice(oneHot, -1, 0, k), n, shape.length(), k);
        T ce = ops.mul(ops.reduceSum(ops.mul(labels, ops.logSoftmax(logits)), false, 2), ops.scalar(-1f));
        // Reduced last, so the loss is rank 0 like TECO's other losses.
        return ops.reduceMean(ops.reduceSum(ce, false, 1), false, 0);
    }

    /** Logits {@code [N, h, w, codes]}; position i reads only tokens before i. */
    @Override
    public <T> T logits(Ops<T> ops, String name, T tokens, T cond) {
        int n = checkGrid(ops, tokens, cond);
        return ops.reshape(forward(ops, name, ops.oneHot(tokens, shape.codes() + 1), cond), n, shape.height(), shape.width(),
                shape.codes());
    }

    /** Shift right by one position (start token first), embed, concat deter_t, the causal transformer. */
    private <T> T forward(Ops<T> ops, String name, T oneHot, T cond) {
        int n = ops.shape(oneHot)[0];
        int l = shape.length();
        int depth = shape.codes() + 1;
        T flat = ops.reshape(oneHot, n, l, depth);
        float[] start = new float[depth];
        start[startToken()] = 1f;
        // [N, 1, depth] of the start token: a zero slice plus a broadcast constant keeps the batch dynamic.
        T first = ops.add(ops.mul(ops.slice(flat, 1, 0, 1), ops.scalar(0f)), ops.constant(start, 1, 1, depth));
        T shifted = l == 1 ? first : ops.concat(1, List.of(first, ops.slice(flat, 1, 0, l - 1)));
        T x = embed(ops, name, shifted);
        T c = ops.reshape(cond, n, l, shape.condDim());
        return Transformer.apply(ops, name + ".net", transformer, x, c, Masks.frameCausal(l, 1));
    }

    /** One-hot rows {@code [N, n, codes + 1]} × the token table (no gather: SameDiff's backpropagates wrongly, NOTES-DL4J). */
    private <T> T embed(Ops<T> ops, String name, T oneHot) {
        int[] s = ops.shape(oneHot);
        T table = ops.param(name + ".token_embed", Init.normal(0.02), shape.codes() + 1, config.vocabDim());
        return ops.reshape(ops.matmul(ops.reshape(oneHot, -1, s[2]), table), s[0], s[1], config.vocabDim());
    }

    @Override
    public List<String> extraGraphs() {
        return List.of(STEP_GRAPH);
    }

    /**
     * {@value #STEP_GRAPH}: position {@value CachedTransformerGraphs#FRAME} {@code [1]} of
     * {@code items} items. Inputs {@value #PREVIOUS} {@code [B, 1]} (index), {@link #DETER}
     * {@code [B, 1, condDim]}, {@value CachedTransformerGraphs#BIAS} {@code [1, L + 1]}, per layer
     * {@code past_key_i}/{@code past_value_i} {@code [B, H, L, hd]}; outputs {@link #LOGITS}
     * {@code [B, 1, codes]} and per layer {@code key_i}/{@code value_i} {@code [B, H, 1, hd]}.
     */
    @Override
    public <T> void extraGraph(Ops<T> ops, String name, String graph, int items) {
        if (!STEP_GRAPH.equals(graph)) {
            PriorNetwork.super.extraGraph(ops, name, graph, items);
        }
        int l = shape.length();
        int hd = config.embedDim() / config.numHeads();
        T previous = ops.indexInput(PREVIOUS, items, 1);
        T cond = ops.input(DETER, items, 1, shape.condDim());
        T position = ops.indexInput(CachedTransformerGraphs.FRAME, 1);
        T bias = ops.input(CachedTransformerGraphs.BIAS, 1, l + 1);
        List<T> keys = new ArrayList<>();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            keys.add(ops.input(CachedTransformerGraphs.pastKey(i), items, config.numHeads(), l, hd));
            values.add(ops.input(CachedTransformerGraphs.pastValue(i), items, config.numHeads(), l, hd));
        }
        String net = name + ".net";
        T x = embed(ops, name, ops.oneHot(previous, shape.codes() + 1));
        Transformer.Kv<T> r = Transformer.step(ops, net, transformer, x, cond, Transformer.framePositions(ops, net, transformer, position),
                keys, values, bias);
        ops.output(LOGITS, r.output());
        for (int i = 0; i < config.numLayers(); i++) {
            ops.output(CachedTransformerGraphs.key(i), r.keys().get(i));
            ops.output(CachedTransformerGraphs.value(i), r.values().get(i));
        }
    }

    /**
     * Token by token without a cache: L calls of the full logits graph, position i sampled from the
     * i-th call for every item. Draws in the same order as {@link CachedDecoding} (position, then
     * item), so both give the same codes for a seed.
     */
    @Override
    public int[] sample(PriorLogits logits, int items, SplittableRandom rng) {
        int l = shape.length();
        int k = shape.codes();
        int[] tokens = new int[Math.multiplyExact(items, l)];
        Arrays.fill(tokens, shape.maskToken());
        for (int p = 0; p < l; p++) {
            float[] out = logits.logits(tokens.clone());
            if (out.length != (long) tokens.length * k) {
                throw new IllegalStateException("prior logits gave " + out.length + " values, expected " + (long) tokens.length * k);
            }
            for (int i = 0; i < items; i++) {
                int at = i * l + p;
                tokens[at] = sampler.sample(out, at * k, k, rng);
            }
        }
        return tokens;
    }

    /** With {@code cache}: L runs of {@value #STEP_GRAPH} against a key/value cache; otherwise {@link #sample(PriorLogits, int, SplittableRandom)}. */
    @Override
    public int[] sample(PriorGraphs graphs, float[] deter, int items, SplittableRandom rng, boolean cache) {
        return cache ? new CachedDecoding(this, graphs).sample(deter, items, rng)
                : PriorNetwork.super.sample(graphs, deter, items, rng, false);
    }

    private <T> int checkGrid(Ops<T> ops, T tokens, T cond) {
        return shape.checkGrid(ops.shape(tokens), ops.shape(cond));
    }
}
