package org.tecoplatform.model.teco.net;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.prior.maskgit.MaskGitNetwork;
import org.tecoplatform.prior.maskgit.MaskGitPrior;

/** A TECO small enough for tests of seconds: 8×8 VQ grid → 4×4 latents → 2×2 tokens per frame. */
final class Tiny {

    static final int VQ_CODES = 16;
    static final int VQ_DIM = 8;

    private Tiny() {
    }

    static TecoConfig.Builder builder() {
        return TecoConfig.builder()
                .seqLen(4).nCond(1)
                .encoder(List.of(32, 32), 1)
                .decoder(List.of(32, 32), 1)
                .embeddingDim(16)
                .codebook(8, 8)
                .zDs(2)
                .transformer(32, 64, 2, 1)
                .actions(true, 3, 4, true)
                .dropLossRate(0.5)
                .openLoopCtx(2)
                .vq(VQ_CODES, VQ_DIM, 8, 8);
    }

    static TecoConfig config() {
        return builder().build();
    }

    /** The real MaskGit prior (bundle prior-maskgit), tiny: vocab 8, embed 32, mlp 64, 2 heads, 1 layer. */
    static PriorNetwork prior(TecoConfig cfg) {
        return maskGit(cfg, 8, 32, 64, 2, 1);
    }

    /** MaskGit built by its plugin from the original's z_git keys. */
    static PriorNetwork maskGit(TecoConfig cfg, int vocabDim, int embedDim, int mlpDim, int heads, int layers) {
        Map<String, Object> tfm = new HashMap<>(Map.of("embed_dim", embedDim, "mlp_dim", mlpDim, "num_heads", heads,
                "num_layers", layers));
        Map<String, Object> zGit = new HashMap<>(Map.of("vocab_dim", vocabDim, "mask_schedule", "cosine", "tfm_kwargs", tfm));
        Map<String, Object> config = new HashMap<>(Map.of("z_git", zGit, "T_draft", 2, "T_revise", 2, "M", 1));
        return new MaskGitPrior().create(cfg.priorShape(), ConfigSettings.of(config, Path.of(".")));
    }

    /** The name of MaskGit's random training input. */
    static final String PRIOR_MASK = MaskGitNetwork.MASK_INPUT;

    static TecoModel model(TecoConfig cfg) {
        return new TecoModel(cfg, prior(cfg), vqCodebook(cfg, 5));
    }

    static float[] vqCodebook(TecoConfig cfg, long seed) {
        return gaussian(new SplittableRandom(seed), cfg.vqCodes() * cfg.vqDim());
    }

    static float[] gaussian(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble()));
        }
        return v;
    }

    static int[] ints(SplittableRandom rng, int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(bound);
        }
        return v;
    }
}
