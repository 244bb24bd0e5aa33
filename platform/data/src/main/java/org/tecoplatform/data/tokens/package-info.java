/**
 * The token cache, TECO's "encoded dataset": VQ codes and actions of every episode of a split
 * in Arrow IPC files, written once by the tokenize stage and read by training.
 *
 * <p>{@link org.tecoplatform.data.tokens.TokenCacheWriter} writes a split as numbered shard files
 * plus an index (atomic per shard, resumable after an interruption);
 * {@link org.tecoplatform.data.tokens.TokenCache} reads them back memory-mapped, by episode and
 * by window of frames, after checking that they were made by the expected tokenizer. The layout
 * is specified in {@code platform/data/TOKEN-CACHE.md}; pyarrow reads the files as they are.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.data.tokens;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
