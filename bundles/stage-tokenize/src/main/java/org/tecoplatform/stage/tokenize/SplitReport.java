package org.tecoplatform.stage.tokenize;

import org.tecoplatform.api.Split;

/**
 * What the stage did to one split.
 *
 * @param split           the split
 * @param skipped         the split was complete already (an earlier run finished it) and was left as it was
 * @param episodes        episodes in the split's cache now
 * @param frames          frames in the split's cache now
 * @param resumedEpisodes episodes kept from an interrupted earlier run
 * @param encodedEpisodes episodes this run encoded
 * @param encodedFrames   frames this run encoded
 * @param seconds         time spent on the split in this run
 */
record SplitReport(Split split, boolean skipped, int episodes, long frames, int resumedEpisodes, int encodedEpisodes,
                   long encodedFrames, double seconds) {

    /** Frames this run encoded per second. */
    double framesPerSecond() {
        return seconds > 0 ? encodedFrames / seconds : 0;
    }

    String status() {
        if (skipped) {
            return "complete";
        }
        return resumedEpisodes > 0 ? "resumed" : "encoded";
    }
}
