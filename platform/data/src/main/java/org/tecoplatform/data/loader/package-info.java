/**
 * Batches of video for training and tokenizing, read from any
 * {@link org.tecoplatform.api.DatasetReader} on background threads.
 *
 * <p>{@link org.tecoplatform.data.loader.DataLoader} turns a split into a stream of
 * {@link org.tecoplatform.data.loader.Batch}es: pixels as {@code 2·x/255 − 1} floats and/or raw
 * uint8, laid out (B,T,H,W,C), with their actions, episode ids and window starts. Shuffling and
 * window starts derive from (seed, epoch, position) alone, so a seed gives the same batches in the
 * same order whatever the number of worker threads. Memory is bounded by the queue capacity.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.data.loader;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
