package org.tecoplatform.nn.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where a training step (SameDiff's, or the eager back end's) spends its time and memory, by op type: calls, milliseconds inside the op
 * and bytes of the arrays it returned (what the step allocates; SameDiff keeps most of them until the
 * step ends). Attach with {@code sd.addListeners(profile)}, run steps, read {@link #rows()}; the
 * step's wall time minus the ops' sum is SameDiff's own bookkeeping.
 */
public final class OpProfile extends BaseListener implements org.tecoplatform.nn.EagerOps.OpListener {

    /** One op type: how often it ran, for how long, and the bytes of its outputs, summed. */
    public record Row(String op, long calls, double millis, long outputBytes) {
    }

    private final Map<String, long[]> stats = new LinkedHashMap<>();   // calls, nanos, bytes
    private final boolean byShape;
    private long started;

    /** @param byShape one row per op type and input shapes (e.g. {@code multiply_bp [64,16,16,64] [64] ...}) instead of per type */
    public OpProfile(boolean byShape) {
        this.byShape = byShape;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        long nanos = System.nanoTime() - started;
        long bytes = 0;
        if (outputs != null) {
            for (INDArray a : outputs) {
                if (a != null && !a.isEmpty()) {
                    bytes += a.length() * a.dataType().width();
                }
            }
        }
        String key = op.getOp().opName();
        if (byShape && opContext != null) {
            StringBuilder sb = new StringBuilder(key);
            for (INDArray a : opContext.getInputArrays()) {
                sb.append(' ').append(a == null ? "-" : java.util.Arrays.toString(a.shape()).replace(" ", ""));
            }
            key = sb.toString();
        }
        long[] s = stats.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] += nanos;
        s[2] += bytes;
    }

    /** An op of the eager back end (which times its ops itself). */
    @Override
    public void op(String op, String inputs, long nanos, long bytes) {
        String key = byShape ? op + " " + inputs : op;
        long[] s = stats.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] += nanos;
        s[2] += bytes;
    }

    /** Every op type seen, the slowest first. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        stats.forEach((k, s) -> out.add(new Row(k, s[0], s[1] / 1e6, s[2])));
        out.sort(Comparator.comparingDouble(Row::millis).reversed());
        return out;
    }

    public void reset() {
        stats.clear();
    }
}
