package org.tecoplatform.model.teco;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.prior.maskgit.MaskGitPrior;

/** A TECO of a few thousand parameters with the real MaskGit prior: 8x8 VQ codes, 4x4 latents, 2x2 tokens per frame. */
public final class TinyTeco {

    public static final int VQ_CODES = 16;
    public static final int VQ_DIM = 8;

    private TinyTeco() {
    }

    public static TecoConfig config() {
        return TecoConfig.builder().seqLen(4).nCond(1).encoder(List.of(32, 32), 1).decoder(List.of(32, 32), 1).embeddingDim(16)
                .codebook(8, 8).zDs(2).transformer(32, 64, 2, 1).actions(true, 3, 4, true).dropLossRate(0.5).openLoopCtx(2)
                .vq(VQ_CODES, VQ_DIM, 8, 8).build();
    }

    public static PriorNetwork prior(TecoConfig cfg) {
        Map<String, Object> z = new LinkedHashMap<>();
        z.put("vocab_dim", 8);
        z.put("mask_schedule", "cosine");
        z.put("tfm_kwargs", Map.of("embed_dim", 32, "mlp_dim", 64, "num_heads", 2, "num_layers", 1));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("z_git", z);
        values.put("T_draft", 2);
        values.put("T_revise", 2);
        values.put("M", 1);
        return new MaskGitPrior().create(cfg.priorShape(), ConfigSettings.of(values, Path.of(".")));
    }

    /** The autoregressive prior at the same size, from its own section. */
    public static PriorNetwork autoregressive(TecoConfig cfg) {
        Map<String, Object> own = Map.of("vocab_dim", 8, "embed_dim", 32, "mlp_dim", 64, "num_heads", 2, "num_layers", 1);
        return new org.tecoplatform.prior.autoregressive.AutoregressivePrior().create(cfg.priorShape(),
                ConfigSettings.of(Map.of("autoregressive", own), Path.of(".")));
    }

    public static TecoModel model() {
        return model(prior(config()));
    }

    /** TECO with the given prior (built for {@link #config()}'s shape). */
    public static TecoModel model(PriorNetwork prior) {
        TecoConfig cfg = config();
        SplittableRandom rng = new SplittableRandom(5);
        float[] codebook = new float[VQ_CODES * VQ_DIM];
        for (int i = 0; i < codebook.length; i++) {
            codebook[i] = (float) rng.nextGaussian();
        }
        return new TecoModel(cfg, prior, codebook);
    }

}
