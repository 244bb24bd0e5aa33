/**
 * Scoring a samples folder with metric plugins, as {@code scripts/compute_metrics.py} does, plus
 * a copy-last-frame baseline: {@link org.tecoplatform.data.eval.Evaluation} runs it,
 * {@link org.tecoplatform.data.eval.EvalSummary} is the JSON summary (mean, std over videos and
 * the per-frame curve of every metric) and {@link org.tecoplatform.data.eval.FrameTable} the
 * per-frame values as CSV and Arrow IPC. Shared by the eval stage and {@code teco eval}.
 */
@Export
@Version("1.1.0")
package org.tecoplatform.data.eval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
