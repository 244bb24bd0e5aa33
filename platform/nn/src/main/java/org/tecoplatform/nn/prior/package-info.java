/**
 * The contract between TECO and its dynamics prior (MaskGit, autoregressive, ...). A prior
 * plugin registers a {@link org.tecoplatform.nn.prior.PriorFactory} service (which extends the
 * platform's {@link org.tecoplatform.api.Prior} SPI); the model bundle asks it for a
 * {@link org.tecoplatform.nn.prior.PriorNetwork} and calls it to build the prior's part of the
 * training graph, its inference graph, and its sampler. The network is written once against
 * {@link org.tecoplatform.nn.Ops}, so it is lowered to SameDiff for training and to ONNX for
 * sampling like every other part of TECO. 1.1: the prior's own inference graphs and sampler over
 * them ({@link org.tecoplatform.nn.prior.PriorGraphs}), one parameter prefix for every prior.
 */
@Export
@Version("1.1.0")
package org.tecoplatform.nn.prior;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
