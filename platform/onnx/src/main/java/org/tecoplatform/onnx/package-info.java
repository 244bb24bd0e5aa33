/**
 * ONNX Runtime helpers every inference user shares: {@link org.tecoplatform.onnx.OrtSessions}
 * opens a session from {@link org.tecoplatform.onnx.OrtSettings} (threads, optimisation level,
 * the CUDA execution provider with a logged fallback to the CPU),
 * {@link org.tecoplatform.onnx.ModelSignature} describes a model's inputs and outputs (names,
 * element types, shapes with symbolic dimensions) and says how they differ from what a caller
 * expects, and {@link org.tecoplatform.onnx.TensorBuffers} keeps direct buffers for repeated
 * runs with the same shapes.
 */
@Export
@Version("1.1.0")
package org.tecoplatform.onnx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
