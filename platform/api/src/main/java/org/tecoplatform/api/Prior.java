package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dynamics prior inside TECO ({@code maskgit}, {@code autoregressive}): it predicts a frame's
 * latent codes given the temporal transformer's output (deter_t). This is only the part the
 * platform needs to list a prior and check its config section (name, description, options).
 * What a prior actually does (its training loss, inference graphs and sampler) is the modelling
 * kit's {@code org.tecoplatform.nn.prior.PriorFactory}, which extends this interface because it
 * speaks in the kit's tensor types; a prior plugin implements that and is registered as that
 * service type ({@code @Component(service = PriorFactory.class, property = "teco.name=...")}),
 * and the model bundle asks for it by that type. README, "Writing a prior", has a worked example.
 */
@ConsumerType
public interface Prior extends Plugin {
}
