package org.tecoplatform.metrics.image;

import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Video;

/** The checks every image metric makes before scoring frames {@code [contextFrames, T)}. */
final class ScoredFrames {

    private ScoredFrames() {
    }

    /** Throws {@link BadInputException} unless the videos have one shape and frames are left after the context. */
    static void check(String metric, Video real, Video fake, int contextFrames) {
        if (real.frames() != fake.frames() || real.height() != fake.height() || real.width() != fake.width()
                || real.channels() != fake.channels()) {
            throw new BadInputException(metric + ": the real video is " + real + " but the generated one is " + fake
                    + " (expected the same shape)");
        }
        if (contextFrames < 0 || contextFrames >= real.frames()) {
            throw new BadInputException(metric + ": " + contextFrames + " context frames of a " + real.frames()
                    + "-frame video leave no frame to score (expected 0.." + (real.frames() - 1) + ")");
        }
    }
}
