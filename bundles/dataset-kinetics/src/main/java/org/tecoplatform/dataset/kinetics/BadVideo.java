package org.tecoplatform.dataset.kinetics;

import java.nio.file.Path;
import org.tecoplatform.api.BadInputException;

/** The messages for bad videos and action files: each names the file, what was expected and what was found. */
final class BadVideo {

    private BadVideo() {
    }

    static BadInputException video(Path file, String what) {
        return new BadInputException(KineticsOptions.NAME + " video " + file + ": " + what);
    }

    static BadInputException actions(Path sidecar, String what) {
        return new BadInputException(KineticsOptions.NAME + " actions " + sidecar + ": " + what);
    }

    /** An FFmpeg call failed on the file: its error code and the line FFmpeg logged. */
    static BadInputException ffmpeg(Path file, String what, int errorCode) {
        return video(file, what + ": " + FFmpegLog.describe(errorCode));
    }
}
