/**
 * The modelling kit: networks are written once against {@link org.tecoplatform.nn.Ops} and
 * lowered to eager ND4J computation with a reverse-mode tape for training
 * ({@link org.tecoplatform.nn.EagerOps}), to a SameDiff graph (the reference whose gradients
 * the eager back end must equal, {@link org.tecoplatform.nn.SameDiffOps}) and to an ONNX model
 * for inference ({@link org.tecoplatform.nn.OnnxOps}). Parameters live in a
 * {@link org.tecoplatform.nn.ParamStore}, initialised as TECO's Flax code does, so both lowerings
 * see the same numbers.
 *
 * <p>Tensors are channels-last (NHWC), as in the original JAX code; shapes are static.
 */
@Export
@Version("2.2.0")
package org.tecoplatform.nn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
