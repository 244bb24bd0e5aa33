package org.tecoplatform.dataset.kinetics;

import java.nio.file.Path;

/** The checks of a video's frame count against the config, from its header or from decoding it. */
final class VideoChecks {

    private VideoChecks() {
    }

    /** What the header tells before decoding: no empty or overlong video, none shorter than seq_len. */
    static void header(Path file, VideoHeader header, KineticsOptions options) {
        if (header.frames() == 0) {
            throw BadVideo.video(file, "its header declares 0 frames: expected at least 1");
        }
        if (header.frames() > options.maxFrames()) {
            throw BadVideo.video(file, "its header declares " + header.frames() + " frames: expected at most " + options.maxFrames()
                    + " (" + KineticsOptions.NAME + "." + KineticsOptions.MAX_FRAMES + ")");
        }
        if (header.frames() > 0) {
            length(file, header.frames(), options);
        }
    }

    /** A video shorter than seq_len cannot give a training window. */
    static void length(Path file, int frames, KineticsOptions options) {
        if (options.seqLen() > 0 && frames < options.seqLen()) {
            throw BadVideo.video(file, frames + " frames: expected at least seq_len = " + options.seqLen());
        }
    }

    /** After decoding a whole video: as many frames as its header declared (fewer means a truncated file). */
    static void decoded(Path file, int decoded, VideoHeader header, KineticsOptions options) {
        if (decoded == 0) {
            throw BadVideo.video(file, "no frame could be decoded: expected at least 1");
        }
        if (header.frames() >= 0 && decoded != header.frames()) {
            throw BadVideo.video(file, "decoded " + decoded + " frames but its header declares " + header.frames()
                    + ": expected all of them (the file is truncated or corrupt)");
        }
        length(file, decoded, options);
    }
}
