package org.tecoplatform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A video metric plugin ({@code psnr}, {@code ssim}, ...): scores a generated video against
 * the real one, frame by frame, on the frames after the context.
 */
@ConsumerType
public interface Metric extends Plugin {

    /**
     * Scores {@code fake} against {@code real} (same shape) on frames {@code [contextFrames, T)}.
     */
    MetricScore score(Video real, Video fake, int contextFrames);

    /** Whether larger values mean better videos (PSNR, SSIM) or smaller (LPIPS, FVD). */
    default boolean higherIsBetter() {
        return true;
    }
}
