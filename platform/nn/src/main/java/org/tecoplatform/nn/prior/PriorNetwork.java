package org.tecoplatform.nn.prior;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.Ops;

/**
 * One prior over a frame's latent codes given deter_t, for a fixed {@link PriorShape}. TECO
 * calls it on N = (videos × frames) items at once. Parameter names start with the {@code name}
 * TECO passes ({@link #PARAMETER_PREFIX}), so checkpoints keep one flat namespace whatever the
 * prior.
 *
 * <p>A prior writes its network once against {@link Ops}: {@link #trainingLoss} is lowered to the
 * training back ends, {@link #logits} (and any {@link #extraGraphs}) to ONNX for sampling.
 */
public interface PriorNetwork {

    /** The name TECO passes to {@link #trainingLoss} and {@link #logits}: every prior's parameters start with it. */
    String PARAMETER_PREFIX = "prior";

    /** The logits graph's file stem ({@code prior.onnx}) and its inputs and output. */
    String LOGITS_GRAPH = "prior";
    String TOKENS = "tokens";
    String DETER = "deter";
    String LOGITS = "logits";

    PriorShape shape();

    /** The random inputs {@link #trainingLoss} reads for {@code items} items (may be empty). */
    List<RandomInput> randomInputs(int items);

    /** Draws the values of {@link #randomInputs} (row-major, by name) for one batch. */
    Map<String, float[]> drawRandom(SplittableRandom rng, int items);

    /**
     * The prior's training loss (the original's {@code trans_loss}), a scalar.
     *
     * @param codes  {@code [N, h, w]} index tensor: TECO's codes of each item
     * @param cond   {@code [N, h, w, condDim]}: deter_t of each item
     * @param random the tensors named by {@link #randomInputs}
     */
    <T> T trainingLoss(Ops<T> ops, String name, T codes, T cond, Map<String, T> random);

    /**
     * Inference: logits {@code [N, h, w, codes]} for partially known tokens.
     *
     * @param tokens {@code [N, h, w]} index tensor, {@link PriorShape#maskToken()} = unknown
     * @param cond   {@code [N, h, w, condDim]}
     */
    <T> T logits(Ops<T> ops, String name, T tokens, T cond);

    /**
     * Samples the codes of {@code items} frames, calling {@code logits} as often as its
     * algorithm needs. Deterministic for a given {@code rng} state.
     *
     * @return {@code [items · L]} codes in {@code [0, codes)}
     */
    int[] sample(PriorLogits logits, int items, SplittableRandom rng);

    /**
     * Inference graphs beyond {@link #LOGITS_GRAPH} that this prior's sampler runs (a cached step,
     * say), exported beside it as {@code <graph>.onnx}. Names start with {@code "prior_"} so they
     * never meet TECO's own graphs. None by default.
     *
     * @since 1.1
     */
    default List<String> extraGraphs() {
        return List.of();
    }

    /**
     * Builds extra graph {@code graph} (one of {@link #extraGraphs}) for {@code items} items (a
     * dynamic batch on export), its parameters under {@code name}.
     *
     * @since 1.1
     */
    default <T> void extraGraph(Ops<T> ops, String name, String graph, int items) {
        throw new IllegalArgumentException("this prior has no graph '" + graph + "'");
    }

    /**
     * Samples the codes of {@code items} frames given their deter_t with the exported graphs.
     * Default: {@link #sample(PriorLogits, int, SplittableRandom)} over {@link #LOGITS_GRAPH}
     * (cache has no meaning then). A prior with a cached mode must give the same codes either way.
     *
     * @param deter {@code [items, h, w, condDim]} row-major
     * @param cache whether the sampler may use its cached graphs (the run's {@code sample.cache})
     * @since 1.1
     */
    default int[] sample(PriorGraphs graphs, float[] deter, int items, SplittableRandom rng, boolean cache) {
        PriorShape s = shape();
        GraphTensor d = GraphTensor.floats(deter, items, s.height(), s.width(), s.condDim());
        return sample(tokens -> (float[]) graphs.run(LOGITS_GRAPH,
                Map.of(TOKENS, GraphTensor.ids(tokens, items, s.height(), s.width()), DETER, d)).get(LOGITS), items, rng);
    }
}
