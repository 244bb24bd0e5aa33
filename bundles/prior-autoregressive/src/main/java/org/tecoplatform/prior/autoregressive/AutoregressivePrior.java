package org.tecoplatform.prior.autoregressive;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorFactory;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * The {@code autoregressive} prior: a causal transformer over each frame's latent codes in raster
 * order given deter_t, trained with teacher forcing and sampled token by token against a
 * key/value cache. Everything it reads is in its own section ({@code autoregressive:}).
 */
@Component(service = PriorFactory.class, property = "teco.name=" + AutoregressivePrior.NAME)
public final class AutoregressivePrior implements PriorFactory {

    static final String NAME = "autoregressive";

    @Override
    public String description() {
        return "autoregressive prior (causal transformer over the latent grid in raster order, teacher forcing, cached token-by-token sampling)";
    }

    @Override
    public List<OptionSpec> options() {
        return AutoregressiveConfig.OPTIONS;
    }

    @Override
    public PriorNetwork create(PriorShape shape, Settings config) {
        return new AutoregressiveNetwork(shape, AutoregressiveConfig.from(config));
    }
}
