/**
 * Training utilities: optax's warm-up + cosine learning-rate schedule, AdamW over ND4J arrays
 * (gradients from SameDiff), a run-level random state that can be saved, and atomic checkpoints
 * (parameters, optimiser state, random state, resolved config) from which training resumes
 * exactly.
 */
@Export
@Version("1.2.0")
package org.tecoplatform.nn.train;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
