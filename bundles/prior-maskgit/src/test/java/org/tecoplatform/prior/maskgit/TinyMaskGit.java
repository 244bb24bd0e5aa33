package org.tecoplatform.prior.maskgit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Tiny configurations and inputs for the network tests. */
final class TinyMaskGit {

    static final String NAME = org.tecoplatform.nn.prior.PriorNetwork.PARAMETER_PREFIX;

    private TinyMaskGit() {
    }

    /** The original's keys at tiny sizes; {@code overrides} are dotted keys replacing or adding values. */
    static Settings config(int vocabDim, int embedDim, int heads, int layers, int mlpDim, Object... overrides) {
        Map<String, Object> tfm = new HashMap<>(Map.of("embed_dim", embedDim, "mlp_dim", mlpDim, "num_heads", heads,
                "num_layers", layers, "dropout", 0.0, "attention_dropout", 0.0));
        Map<String, Object> zGit = new HashMap<>(Map.of("vocab_dim", vocabDim, "mask_schedule", "cosine", "tfm_kwargs", tfm));
        Map<String, Object> root = new HashMap<>(Map.of("z_git", zGit, "T_draft", 3, "T_revise", 2, "M", 1));
        for (int i = 0; i < overrides.length; i += 2) {
            String[] path = ((String) overrides[i]).split("\\.");
            Map<String, Object> m = root;
            for (int j = 0; j < path.length - 1; j++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(path[j], k -> new HashMap<String, Object>());
                m = next;
            }
            m.put(path[path.length - 1], overrides[i + 1]);
        }
        return ConfigSettings.of(root, Path.of("."));
    }

    static MaskGitNetwork network(PriorShape shape, Settings config) {
        return (MaskGitNetwork) new MaskGitPrior().create(shape, config);
    }

    static int[] randomIds(SplittableRandom rng, int n, int bound) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rng.nextInt(bound);
        }
        return ids;
    }

    static float[] gaussian(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // Sum of uniforms: deterministic, roughly unit variance, no Box–Muller needed.
            double s = 0;
            for (int j = 0; j < 12; j++) {
                s += rng.nextDouble();
            }
            x[i] = (float) (s - 6);
        }
        return x;
    }
}
