/**
 * TECO's inference graphs as ONNX models written beside each checkpoint, for the sampler on ONNX
 * Runtime. Each graph is the same definition the training graph uses, lowered through
 * {@link org.tecoplatform.nn.OnnxOps}.
 */
package org.tecoplatform.model.teco.export;
