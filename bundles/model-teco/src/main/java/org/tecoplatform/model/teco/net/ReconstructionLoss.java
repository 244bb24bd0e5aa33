package org.tecoplatform.model.teco.net;

import org.tecoplatform.nn.Ops;

/**
 * The decoder's loss (teco.py): softmax cross-entropy against label-smoothed targets
 * {@code 0.99·one_hot + 0.01/K}, summed over the code grid and averaged over the items (batch ×
 * loss frames).
 */
public final class ReconstructionLoss {

    public static final float SMOOTHING = 0.01f;

    private ReconstructionLoss() {
    }

    /**
     * @param logits  {@code [N, H, W, K]}
     * @param targets index {@code [N, H, W]} in {@code [0, K)}
     * @return the scalar loss
     */
    public static <T> T apply(Ops<T> ops, T logits, T targets) {
        int k = ops.shape(logits)[3];
        T labels = ops.add(ops.mul(ops.oneHot(targets, k), ops.scalar(1 - SMOOTHING)), ops.scalar(SMOOTHING / k));
        T logp = ops.logSoftmax(logits);
        T perPosition = ops.reduceSum(ops.mul(labels, logp), false, 3); // −CE, [N, H, W]
        T perItem = ops.reduceSum(perPosition, false, 1, 2); // [N]
        return ops.reduceMean(ops.mul(perItem, ops.scalar(-1f)), false, 0);
    }
}
