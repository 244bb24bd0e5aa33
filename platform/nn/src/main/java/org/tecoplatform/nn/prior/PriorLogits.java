package org.tecoplatform.nn.prior;

/**
 * The prior's inference graph as a function, bound by the sampler to one batch of conditioning
 * tensors (typically an ONNX Runtime session of {@link PriorNetwork#logits}).
 */
@FunctionalInterface
public interface PriorLogits {

    /**
     * @param tokens {@code [N · L]} token ids, row-major {@code (N, h, w)}; the shape's
     *               {@link PriorShape#maskToken()} marks unknown positions
     * @return {@code [N · L · codes]} logits
     */
    float[] logits(int[] tokens);
}
