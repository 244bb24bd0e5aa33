package org.tecoplatform.nn.prior;

import java.util.Map;

/**
 * The prior's exported inference graphs as the sampler runs them (ONNX Runtime sessions in the
 * product, any back end in tests): a graph by its name ({@link PriorNetwork#LOGITS_GRAPH} or one
 * of {@link PriorNetwork#extraGraphs}), inputs by name; outputs come back by name as
 * {@code float[]} or {@code long[]}. The kit stays free of ONNX Runtime this way.
 */
@FunctionalInterface
public interface PriorGraphs {

    Map<String, Object> run(String graph, Map<String, GraphTensor> inputs);
}
