package org.tecoplatform.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.nn.ParamStore;

/**
 * Glue between a SameDiff graph built by {@link org.tecoplatform.nn.SameDiffOps} and
 * {@link AdamW}: gradients from {@code calculateGradients} of the graph's loss with respect to
 * every parameter of the store, then an in-place update of the graph's own parameter arrays.
 */
public final class SameDiffTraining {

    private SameDiffTraining() {
    }

    /** The graph's arrays of every parameter in {@code params} that the graph uses (live, by name). */
    public static Map<String, INDArray> parameterArrays(SameDiff sd, ParamStore params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : params.names()) {
            if (sd.hasVariable(name)) {
                out.put(name, sd.getVariable(name).getArr());
            }
        }
        return out;
    }

    /**
     * One training step: gradients of the loss variable(s) set on {@code sd} for the given
     * placeholders, then one AdamW update. Returns the loss before the update when
     * {@code lossName} is not null (an extra forward pass), NaN otherwise.
     */
    public static double step(SameDiff sd, ParamStore params, AdamW optimizer, Map<String, INDArray> placeholders,
            String lossName) {
        Map<String, INDArray> arrays = parameterArrays(sd, params);
        List<String> names = new ArrayList<>(arrays.keySet());
        double loss = Double.NaN;
        if (lossName != null) {
            loss = sd.output(placeholders, lossName).get(lossName).getDouble(0);
        }
        GradFunction.ensure(sd);
        Map<String, INDArray> grads = sd.calculateGradients(placeholders, names);
        optimizer.step(arrays, grads);
        return loss;
    }
}
