package org.tecoplatform.model.teco.net;

import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.SameDiffOps;

/**
 * Logarithms for TECO's training losses (cross-entropy, perplexity). {@link Ops} has no
 * {@code log} yet; the losses only exist in the training graph, which runs on SameDiff, so they
 * are lowered here for SameDiff (and for {@link ShapeOps}, which only tracks shapes). Replace
 * with {@code ops.log} once the kit has one.
 */
public final class Logs {

    private Logs() {
    }

    /** Natural logarithm, element-wise. */
    @SuppressWarnings("unchecked")
    public static <T> T log(Ops<T> ops, T x) {
        if (ops instanceof SameDiffOps sd) {
            SameDiffOps.Var v = (SameDiffOps.Var) x;
            return (T) new SameDiffOps.Var(sd.sameDiff().math.log(v.sd()), v.shape());
        }
        if (ops instanceof ShapeOps) {
            return x;
        }
        throw unsupported(ops);
    }

    /** log(softmax(x)) over the last axis, computed stably by the back end. */
    @SuppressWarnings("unchecked")
    public static <T> T logSoftmax(Ops<T> ops, T x) {
        if (ops instanceof SameDiffOps sd) {
            // logSoftmax(x) on its default last axis of 2-D rows: the form NOTES-DL4J found reliable
            // (an explicit dimension fails intermittently).
            int[] s = ops.shape(x);
            SameDiffOps.Var rows = (SameDiffOps.Var) ops.reshape(x, -1, s[s.length - 1]);
            T y = (T) new SameDiffOps.Var(sd.sameDiff().nn.logSoftmax(rows.sd()), rows.shape());
            return ops.reshape(y, s);
        }
        if (ops instanceof ShapeOps) {
            return x;
        }
        throw unsupported(ops);
    }

    private static UnsupportedOperationException unsupported(Ops<?> ops) {
        return new UnsupportedOperationException("TECO's training losses need a logarithm, which "
                + ops.getClass().getSimpleName() + " does not provide (build the training graph on SameDiffOps)");
    }
}
