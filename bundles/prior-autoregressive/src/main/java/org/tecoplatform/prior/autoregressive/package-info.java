/**
 * The autoregressive dynamics prior ({@code autoregressive}): the network
 * ({@link AutoregressiveNetwork}, written once against the modelling kit's {@code Ops}), its
 * settings ({@link AutoregressiveConfig}) and its cached token-by-token sampler
 * ({@link CachedDecoding}). Private to the bundle: TECO reaches it only through the
 * {@link org.tecoplatform.nn.prior.PriorFactory} service {@link AutoregressivePrior} registers.
 */
package org.tecoplatform.prior.autoregressive;
