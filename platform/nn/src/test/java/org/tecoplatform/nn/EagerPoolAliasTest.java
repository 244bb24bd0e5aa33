package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A rank-0 scalar met by a [1] one in a binary op is "expanded" by a reshape, a view of its own
 * buffer: that view must not go back to the pool, or the next allocation overwrites the scalar
 * (seen as TECO's recon_loss reading commitment + codebook with a prior whose loss had shape [1]).
 */
class EagerPoolAliasTest {

    @Test
    void aRankZeroOutputSurvivesBeingAddedToARankOneScalar() {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put("x", Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'));
        try (EagerOps ops = new EagerOps(new ParamStore(1), new LinkedHashMap<>(), feed, DataType.FLOAT, new ArrayPool())) {
            var x = ops.input("x", 2, 2);
            var a = ops.reduceSum(x, false, 0, 1);                     // [] = 10
            var b = ops.mul(ops.reduceSum(x, false, 0, 1), ops.scalar(2f)); // [1] = 20
            ops.output("a", a);
            var sum = ops.add(a, b);                                    // [] + [1]
            var later = ops.add(ops.scalar(5f), ops.scalar(7f));        // the next allocations
            ops.output("sum", ops.add(sum, later));
            assertThat(ops.output("a").getDouble(0)).isEqualTo(10.0);
            assertThat(ops.output("sum").getDouble(0)).isEqualTo(42.0);
        }
    }
}
