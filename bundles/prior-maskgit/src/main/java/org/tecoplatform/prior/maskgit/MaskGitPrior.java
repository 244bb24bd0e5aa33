package org.tecoplatform.prior.maskgit;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorFactory;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * The {@code maskgit} prior: TECO's MaskGit over each frame's latent codes, trained with a
 * cosine-scheduled masked-token loss and sampled by draft-and-revise. Its network's sizes come
 * from the original's {@code z_git}, {@code T_draft}, {@code T_revise} and {@code M} keys; its own
 * section ({@code maskgit:}) only tunes sampling.
 */
@Component(service = PriorFactory.class, property = "teco.name=" + MaskGitPrior.NAME)
public final class MaskGitPrior implements PriorFactory {

    static final String NAME = "maskgit";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.of("temperature", OptionType.NUMBER, MaskGitConfig.DEFAULT_TEMPERATURE,
                    "sampling temperature of the draft and revise steps (1 = the original; 0 = argmax)"),
            OptionSpec.of("top_k", OptionType.INTEGER, MaskGitConfig.DEFAULT_TOP_K,
                    "sample among the k most likely codes only (0 = the full softmax, the original)"));

    @Override
    public String description() {
        return "MaskGit prior (bidirectional transformer over the latent grid, cosine-masked training, draft-and-revise sampling)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public PriorNetwork create(PriorShape shape, Settings config) {
        return new MaskGitNetwork(shape, MaskGitConfig.from(shape, config));
    }
}
