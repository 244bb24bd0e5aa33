/**
 * Reading a whole dataset through its plugin: checking every episode, counting what it holds
 * ({@link org.tecoplatform.data.export.DatasetSummary}) and writing it in the DMLab npz layout.
 * Used by the {@code data} stage, {@code teco data maze} and {@code teco data inspect}.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.data.export;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
