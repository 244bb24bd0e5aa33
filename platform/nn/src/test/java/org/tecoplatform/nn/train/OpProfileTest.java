package org.tecoplatform.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class OpProfileTest {

    @Test
    void countsTheForwardAndBackwardOpsOfAGradientStepWithTheirOutputBytes() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("a", Nd4j.rand(DataType.FLOAT, 8, 3));
        SDVariable b = sd.var("b", Nd4j.rand(DataType.FLOAT, 3));
        sd.setLossVariables(a.mul(b).sum().name());
        GradFunction.ensure(sd);
        OpProfile byType = new OpProfile(false);
        OpProfile byShape = new OpProfile(true);
        sd.addListeners(byType, byShape);

        sd.calculateGradients(Map.of(), List.of("a", "b"));
        sd.calculateGradients(Map.of(), List.of("a", "b"));

        Map<String, OpProfile.Row> rows = byType.rows().stream().collect(Collectors.toMap(OpProfile.Row::op, r -> r));
        // the loss itself (reduce_sum) is not needed for its gradient, so SameDiff never runs it
        assertThat(rows).containsOnlyKeys("multiply", "multiply_bp", "reduce_sum_bp");
        assertThat(rows.get("multiply").calls()).isEqualTo(2);
        assertThat(rows.get("multiply").outputBytes()).isEqualTo(2L * 8 * 3 * 4);       // [8,3] floats, twice
        assertThat(rows.get("multiply_bp").outputBytes()).isEqualTo(2L * (8 * 3 + 3) * 4); // d/da [8,3] and d/db [3]
        assertThat(byType.rows()).allSatisfy(r -> assertThat(r.millis()).isNotNegative());
        assertThat(byShape.rows()).extracting(OpProfile.Row::op).contains("multiply [8,3] [3]");

        byType.reset();
        assertThat(byType.rows()).isEmpty();
    }
}
