/**
 * Sampling TECO on ONNX Runtime from the graphs exported beside a checkpoint: observe the context,
 * then frame by frame temporal transformer (with a key/value cache, or recomputed as the
 * original does) → prior sampler → codebook look-up → decoder; the {@code sample} stage writes
 * the original samples layout.
 */
package org.tecoplatform.model.teco.sample;
