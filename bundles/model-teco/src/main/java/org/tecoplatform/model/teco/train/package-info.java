/**
 * The {@code train} stage: TECO trained with DL4J SameDiff from the token cache, with progress,
 * a metrics file, checkpoints (plus the ONNX inference graphs beside each), exact resume and a
 * stop on a non-finite loss.
 */
package org.tecoplatform.model.teco.train;
