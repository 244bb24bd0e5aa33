package org.tecoplatform.dataset.npz;

import java.io.IOException;
import java.nio.file.Path;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpyHeader;
import org.tecoplatform.npz.NpzFormatException;
import org.tecoplatform.npz.NpzReader;

/**
 * Checks one episode file against its dataset from the array headers and the (small) actions
 * array, without decoding a single pixel. Every failure is a {@link BadInputException} naming
 * the file, what was expected and what was found.
 */
final class EpisodeCheck {

    static final String VIDEO = "video";
    static final String ACTIONS = "actions";

    /** A file that passed: its frame count and actions (numpy's values). */
    record Checked(int frames, int[] actions) {
    }

    private EpisodeCheck() {
    }

    /** Opens and checks one file; for callers that need nothing else from it. */
    static Checked check(Path file, NpzDatasetSpec spec, NpzDatasetOptions options) {
        try (NpzReader npz = NpzReader.open(file)) {
            return check(npz, spec, options);
        } catch (IOException e) {
            throw unreadable(spec, file, e);
        }
    }

    static Checked check(NpzReader npz, NpzDatasetSpec spec, NpzDatasetOptions options) {
        Path file = npz.file();
        try {
            String expectedArrays = "'video' uint8 (T, " + spec.size() + ", " + spec.size() + ", 3) and 'actions' integer (T,)";
            for (String key : new String[] {VIDEO, ACTIONS}) {
                if (!npz.contains(key)) {
                    throw bad(spec, file, "no '" + key + "' array: expected " + expectedArrays + ", found the arrays " + npz.keys());
                }
            }
            int frames = checkVideo(npz.header(VIDEO), spec, options, file);
            NpyHeader actions = npz.header(ACTIONS);
            if (!actions.dtype().isInteger()) {
                throw bad(spec, file, "'actions' has dtype " + actions.dtype().descr() + ": expected an integer dtype (e.g. <i4 or <i8)");
            }
            if (actions.rank() != 1) {
                throw bad(spec, file, "'actions' has shape " + actions.shapeText() + ": expected one dimension, (" + frames + ",)");
            }
            if (actions.dim(0) != frames) {
                throw bad(spec, file, "'video' has " + frames + " frames but 'actions' has " + actions.dim(0)
                        + " entries: expected one action per frame");
            }
            return new Checked(frames, checkActions(npz.read(ACTIONS), spec, file));
        } catch (IOException e) {
            throw unreadable(spec, file, e);
        }
    }

    private static int checkVideo(NpyHeader video, NpzDatasetSpec spec, NpzDatasetOptions options, Path file) {
        String expectedShape = "(T, " + spec.size() + ", " + spec.size() + ", 3)";
        if (video.dtype() != NpyDtype.UINT8) {
            throw bad(spec, file, "'video' has dtype " + video.dtype().descr() + ": expected |u1 (uint8)");
        }
        if (video.rank() != 4) {
            throw bad(spec, file, "'video' has shape " + video.shapeText() + ": expected 4 dimensions " + expectedShape);
        }
        if (video.dim(1) != spec.size() || video.dim(2) != spec.size()) {
            throw bad(spec, file, "'video' frames are " + video.dim(1) + "x" + video.dim(2) + ": expected " + spec.resolution()
                    + " for " + spec.name() + ", shape " + expectedShape + ", found " + video.shapeText());
        }
        if (video.dim(3) != 3) {
            throw bad(spec, file, "'video' has " + video.dim(3) + " channels: expected 3 (RGB), shape " + expectedShape
                    + ", found " + video.shapeText());
        }
        int frames = video.dim(0);
        if (frames == 0) {
            throw bad(spec, file, "'video' has 0 frames: expected at least 1");
        }
        if (options.episodeLength() > 0 && frames != options.episodeLength()) {
            throw bad(spec, file, "'video' has " + frames + " frames: expected " + options.episodeLength() + " ("
                    + spec.name() + "." + NpzDatasetOptions.EPISODE_LENGTH + "; 0 accepts any length)");
        }
        return frames;
    }

    private static int[] checkActions(NpyArray array, NpzDatasetSpec spec, Path file) {
        int[] actions;
        try {
            actions = array.toInts();
        } catch (ArithmeticException e) {
            throw bad(spec, file, "'actions' " + e.getMessage() + ": expected actions in 0.." + spec.actionDim());
        }
        for (int t = 0; t < actions.length; t++) {
            if (actions[t] < 0 || actions[t] > spec.actionDim()) {
                throw bad(spec, file, "'actions' holds " + actions[t] + " at frame " + t + ": expected actions in 0.."
                        + spec.actionDim() + " (" + spec.actionDim() + " = no action)");
            }
        }
        return actions;
    }

    static BadInputException bad(NpzDatasetSpec spec, Path file, String what) {
        return new BadInputException(spec.name() + " episode " + file + ": " + what);
    }

    /** The npz reader's message already names file, member, expected and found. */
    static BadInputException unreadable(NpzDatasetSpec spec, Path file, IOException e) {
        if (e instanceof NpzFormatException) {
            return new BadInputException(spec.name() + " episode " + e.getMessage(), e);
        }
        return new BadInputException(spec.name() + " episode " + file + ": cannot read it: " + why(file, e), e);
    }

    /** What stops reading the file, in words: a link that leads nowhere is the usual case. */
    private static String why(Path file, IOException e) {
        if (java.nio.file.Files.isSymbolicLink(file)) {
            String target;
            try {
                target = String.valueOf(java.nio.file.Files.readSymbolicLink(file));
            } catch (IOException | UnsupportedOperationException unreadable) {
                target = "?";
            }
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : "the file it points to does not exist";
            return "expected a file, found a link to " + target + " that cannot be followed (" + reason + ")";
        }
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }
}
