package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dynamics prior inside TECO ({@code maskgit}, {@code autoregressive}): it predicts a
 * frame's latent codes given the temporal transformer's output. The model bundle asks the
 * registry for the prior the config names; the training and sampling contract between the
 * two is defined by the model bundle's own API package, because it is expressed in the
 * training back end's tensor types, which this SPI deliberately does not expose.
 */
@ConsumerType
public interface Prior extends Plugin {
}
