package org.tecoplatform.model.teco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.train.Checkpoints;

/**
 * Checkpoints written before every prior had the neutral parameter prefix
 * ({@link PriorNetwork#PARAMETER_PREFIX}) hold MaskGit's parameters as {@code z_git.*}. They are
 * renamed when loaded (parameters and optimiser moments alike), so such a run resumes, samples and
 * re-exports exactly as before; nothing on disk changes until the next checkpoint is written.
 */
public final class LegacyPriorNames {

    /** The prefix MaskGit's parameters had (the original's module name). */
    public static final String OLD_PREFIX = "z_git";

    private LegacyPriorNames() {
    }

    /** Whether {@code params} hold parameters under the old prefix. */
    public static boolean isLegacy(ParamStore params) {
        return params.names().stream().anyMatch(n -> n.startsWith(OLD_PREFIX + "."));
    }

    /** {@code params} with {@code z_git.*} renamed; the same store when there is nothing to rename. */
    public static ParamStore upgrade(ParamStore params) {
        if (!isLegacy(params)) {
            return params;
        }
        ParamStore out = new ParamStore(params.seed());
        for (String n : params.names()) {
            String renamed = rename(n);
            if (!renamed.equals(n) && params.contains(renamed)) {
                throw new IllegalStateException("checkpoint holds both " + n + " and " + renamed
                        + "; it cannot be read (remove one of them with a numpy script over params.npz)");
            }
            out.put(renamed, params.shape(n), params.get(n));
        }
        return out;
    }

    /** A loaded checkpoint with its parameters and optimiser moments renamed. */
    public static Checkpoints.Checkpoint upgrade(Checkpoints.Checkpoint c) {
        if (!isLegacy(c.params())) {
            return c;
        }
        return new Checkpoints.Checkpoint(c.dir(), c.step(), upgrade(c.params()), c.optimizerCount(), rename(c.mu()), rename(c.nu()),
                c.rngState(), c.config());
    }

    static String rename(String name) {
        return name.startsWith(OLD_PREFIX + ".") ? PriorNetwork.PARAMETER_PREFIX + name.substring(OLD_PREFIX.length()) : name;
    }

    private static Map<String, INDArray> rename(Map<String, INDArray> moments) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        moments.forEach((k, v) -> out.put(rename(k), v));
        return out;
    }
}
