/**
 * Generated videos in the original TECO samples layout ({@code scripts/sample.py}): a folder
 * {@code samples[_action]_<ctx>/} of {@code data_<i>.npz} files, each holding {@code real} and
 * {@code fake} uint8 arrays (B, T, H, W, 3) saved with {@code np.savez_compressed}, the first
 * {@code <ctx>} frames of {@code fake} equal to {@code real}. The sample stage writes it with
 * {@link org.tecoplatform.data.samples.SamplesWriter}; {@code teco eval}, the eval stage and the
 * original Python scripts read it ({@link org.tecoplatform.data.samples.SamplesReader}).
 */
@Export
@Version("1.0.0")
package org.tecoplatform.data.samples;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
