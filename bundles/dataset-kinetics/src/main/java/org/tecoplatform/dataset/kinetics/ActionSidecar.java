package org.tecoplatform.dataset.kinetics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.npz.NpyHeader;
import org.tecoplatform.npz.NpzFormatException;
import org.tecoplatform.npz.NpzReader;

/**
 * The optional actions of one video: {@code <stem>.npz} beside {@code <stem>.mp4}, holding
 * {@code actions}, an integer array with one entry per frame, values in {@code 0..actionDim}
 * ({@code actionDim} = "no action"). Kinetics itself has none: TECO trains it unconditioned.
 */
final class ActionSidecar {

    static final String ACTIONS = "actions";

    private ActionSidecar() {
    }

    /**
     * The sidecar's actions, checked except for their number, or null when the video has no sidecar.
     *
     * @param maxFrames longer arrays are refused before they are read
     */
    static int[] read(Path video, int actionDim, int maxFrames) {
        Path sidecar = VideoFiles.sidecar(video);
        if (!Files.isRegularFile(sidecar)) {
            return null;
        }
        // Eight bytes per frame at most (int64): a header declaring more is refused unread.
        try (NpzReader npz = NpzReader.open(sidecar, 8L * maxFrames)) {
            if (!npz.contains(ACTIONS)) {
                throw BadVideo.actions(sidecar, "no 'actions' array: expected 'actions' integer (T,), one per frame of "
                        + video.getFileName() + ", found the arrays " + npz.keys());
            }
            NpyHeader header = npz.header(ACTIONS);
            if (!header.dtype().isInteger()) {
                throw BadVideo.actions(sidecar, "'actions' has dtype " + header.dtype().descr() + ": expected an integer dtype (e.g. <i4 or <i8)");
            }
            if (header.rank() != 1) {
                throw BadVideo.actions(sidecar, "'actions' has shape " + header.shapeText() + ": expected one dimension, (T,)");
            }
            return checkValues(npz, sidecar, actionDim);
        } catch (IOException e) {
            throw unreadable(sidecar, e);
        }
    }

    /** The sidecar must hold one action per frame of its video. */
    static void checkLength(Path video, int[] actions, int frames) {
        if (actions.length != frames) {
            throw BadVideo.actions(VideoFiles.sidecar(video), "'actions' has " + actions.length + " entries but " + video.getFileName()
                    + " has " + frames + " frames: expected one action per frame");
        }
    }

    private static int[] checkValues(NpzReader npz, Path sidecar, int actionDim) throws IOException {
        int[] actions;
        try {
            actions = npz.read(ACTIONS).toInts();
        } catch (ArithmeticException e) {
            throw BadVideo.actions(sidecar, "'actions' " + e.getMessage() + ": expected actions in 0.." + actionDim);
        }
        for (int t = 0; t < actions.length; t++) {
            if (actions[t] < 0 || actions[t] > actionDim) {
                throw BadVideo.actions(sidecar, "'actions' holds " + actions[t] + " at frame " + t + ": expected actions in 0.." + actionDim
                        + " (" + actionDim + " = no action; action_dim in the config sets the number of actions)");
            }
        }
        return actions;
    }

    private static BadInputException unreadable(Path sidecar, IOException e) {
        // The npz reader's message already names the file, member, expected and found.
        if (e instanceof NpzFormatException) {
            return new BadInputException(KineticsOptions.NAME + " actions " + e.getMessage(), e);
        }
        return new BadInputException(KineticsOptions.NAME + " actions " + sidecar + ": cannot read it: " + e.getMessage(), e);
    }
}
