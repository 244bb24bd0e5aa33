/**
 * The modelling kit: networks are written once against {@link org.tecoplatform.nn.Ops} and
 * lowered twice, to a SameDiff graph for training ({@link org.tecoplatform.nn.SameDiffOps}) and
 * to an ONNX model for inference ({@link org.tecoplatform.nn.OnnxOps}). Parameters live in a
 * {@link org.tecoplatform.nn.ParamStore}, initialised as TECO's Flax code does, so both lowerings
 * see the same numbers.
 *
 * <p>Tensors are channels-last (NHWC), as in the original JAX code; shapes are static.
 */
@Export
@Version("2.0.0")
package org.tecoplatform.nn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
