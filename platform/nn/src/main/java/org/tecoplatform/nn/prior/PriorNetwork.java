package org.tecoplatform.nn.prior;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.Ops;

/**
 * One prior over a frame's latent codes given deter_t, for a fixed {@link PriorShape}. TECO
 * calls it on N = (videos × frames) items at once. Parameter names start with the {@code name}
 * TECO passes (the original's {@code z_git}), so checkpoints keep one flat namespace.
 */
public interface PriorNetwork {

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
}
