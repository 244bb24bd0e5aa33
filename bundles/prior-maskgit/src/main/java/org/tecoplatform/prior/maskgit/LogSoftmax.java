package org.tecoplatform.prior.maskgit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.SameDiffOps;

/**
 * log softmax over the last axis, for the training loss's cross-entropy. {@link Ops} has no log
 * (nor a log-softmax), so this lowers directly to SameDiff's {@code logSoftmax} — on its default
 * last axis over 2-D rows, the form NOTES-DL4J found reliable. The training loss only ever runs
 * on SameDiff; another back end gets a clear error instead of an approximation.
 */
final class LogSoftmax {

    private LogSoftmax() {
    }

    @SuppressWarnings("unchecked")
    static <T> T lastAxis(Ops<T> ops, T x) {
        if (!(ops instanceof SameDiffOps sameDiffOps)) {
            throw new UnsupportedOperationException("the MaskGit training loss needs a log-softmax, which Ops lacks; "
                    + "it is lowered to SameDiff only, not to " + ops.getClass().getSimpleName());
        }
        int[] s = ops.shape(x);
        int k = s[s.length - 1];
        SameDiffOps.Var rows = (SameDiffOps.Var) ops.reshape(x, -1, k);
        SDVariable y = sameDiffOps.sameDiff().nn.logSoftmax(rows.sd());
        return ops.reshape((T) new SameDiffOps.Var(y, rows.shape()), s);
    }
}
