package org.tecoplatform.nn.train;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.nn.ParamStore;

/** Glue between the eager back end's live parameter arrays and the {@link ParamStore} checkpoints are written from. */
public final class EagerTraining {

    private EagerTraining() {
    }

    /** Copies the live arrays (e.g. after training) into the store, as float32. */
    public static void copyParams(Map<String, INDArray> arrays, ParamStore store) {
        arrays.forEach((name, a) -> {
            INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
            store.put(name, Arrays.stream(a.shape()).mapToInt(Math::toIntExact).toArray(), f.dup().data().asFloat());
        });
    }
}
