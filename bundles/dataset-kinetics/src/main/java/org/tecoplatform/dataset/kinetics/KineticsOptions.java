package org.tecoplatform.dataset.kinetics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.data.files.BadFilePolicy;

/**
 * The reader's settings, read and checked from a whole config: the top-level {@code image_size},
 * {@code seq_len} and {@code action_dim}, and its own section ({@code kinetics: {on_bad_file: skip}}).
 *
 * @param imageSize      output frames are imageSize x imageSize
 * @param seqLen         videos shorter than this are bad files; 0 when the config has no seq_len
 * @param actionDim      number of real actions (0 without action_dim); {@code actionDim} means "no action"
 * @param maxFrames      videos with more frames are bad files: bounds the work one hostile file can cause
 * @param decoderThreads FFmpeg decoding threads per video, 0 lets FFmpeg choose
 * @param probeVideos    whether listing opens every video's header (frame counts and checks)
 */
record KineticsOptions(int imageSize, int seqLen, int actionDim, BadFilePolicy onBadFile, int maxFrames, int decoderThreads,
                       boolean probeVideos) {

    static final String NAME = "kinetics";
    static final String ON_BAD_FILE = "on_bad_file";
    static final String MAX_FRAMES = "max_frames";
    static final String DECODER_THREADS = "decoder_threads";
    static final String PROBE_VIDEOS = "probe_videos";

    static final int DEFAULT_IMAGE_SIZE = 128;
    static final int DEFAULT_MAX_FRAMES = 10_000;
    /** Larger outputs make no sense for TECO and would only let a typo allocate gigabytes. */
    static final int MAX_IMAGE_SIZE = 4096;

    static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.of(ON_BAD_FILE, OptionType.STRING, BadFilePolicy.FAIL.configValue(),
                        "a video that is not a valid episode: fail (stop, naming it) or skip (warn and leave it out)"),
                OptionSpec.of(MAX_FRAMES, OptionType.INTEGER, DEFAULT_MAX_FRAMES,
                        "videos with more frames are bad files (a bound on the work one file can cause)"),
                OptionSpec.of(DECODER_THREADS, OptionType.INTEGER, 1,
                        "FFmpeg threads per decoded video; 0 lets FFmpeg choose (loaders usually decode several videos at once)"),
                OptionSpec.of(PROBE_VIDEOS, OptionType.BOOLEAN, true,
                        "open every video's header when listing (frame counts, bad files found early); false lists paths only"));
    }

    static KineticsOptions from(Settings config) {
        int imageSize = config.getInt("image_size", DEFAULT_IMAGE_SIZE);
        if (imageSize < 1 || imageSize > MAX_IMAGE_SIZE) {
            throw new BadInputException("image_size: expected a frame size in 1.." + MAX_IMAGE_SIZE + " pixels, found " + imageSize);
        }
        int seqLen = config.getInt("seq_len", 0);
        if (config.has("seq_len") && seqLen < 1) {
            throw new BadInputException("seq_len: expected at least 1 frame, found " + seqLen);
        }
        int actionDim = config.getInt("action_dim", 0);
        if (actionDim < 0) {
            throw new BadInputException("action_dim: expected a number of actions >= 0, found " + actionDim);
        }
        Settings section = config.section(NAME);
        String policy = section.getString(ON_BAD_FILE, BadFilePolicy.FAIL.configValue());
        BadFilePolicy onBadFile;
        try {
            onBadFile = BadFilePolicy.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(NAME + "." + ON_BAD_FILE + ": expected fail or skip, found '" + policy + "'");
        }
        int maxFrames = section.getInt(MAX_FRAMES, DEFAULT_MAX_FRAMES);
        if (maxFrames < 1) {
            throw new BadInputException(NAME + "." + MAX_FRAMES + ": expected at least 1 frame, found " + maxFrames);
        }
        int threads = section.getInt(DECODER_THREADS, 1);
        if (threads < 0 || threads > 64) {
            throw new BadInputException(NAME + "." + DECODER_THREADS + ": expected 0 (FFmpeg chooses) to 64 threads, found " + threads);
        }
        boolean probe = section.getBoolean(PROBE_VIDEOS, true);
        return new KineticsOptions(imageSize, seqLen, actionDim, onBadFile, maxFrames, threads, probe);
    }

    /** The dataset folder ({@code data_path}), which must exist. */
    static Path root(Settings config) {
        Path root = config.getPath("data_path");
        if (!Files.isDirectory(root)) {
            throw new BadInputException("data_path: expected the " + NAME + " dataset folder (holding train/<class>/*.mp4 and test/<class>/*.mp4), found "
                    + (Files.exists(root) ? "a file that is not a folder" : "nothing") + " at " + root);
        }
        return root;
    }

    /** Bytes of one output frame. */
    int frameBytes() {
        return imageSize * imageSize * 3;
    }
}
