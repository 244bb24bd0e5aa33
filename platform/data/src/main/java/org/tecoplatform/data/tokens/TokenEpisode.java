package org.tecoplatform.data.tokens;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded episode: {@code codes} holds its VQ codes flattened (T, h, w) row-major,
 * {@code actions} its action per frame (T).
 */
public record TokenEpisode(String id, int frames, int[] codes, int[] actions) {

    public TokenEpisode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(actions, "actions");
        if (frames < 0 || actions.length != frames) {
            throw new IllegalArgumentException("episode " + id + ": " + frames + " frames but " + actions.length + " actions");
        }
        if (frames == 0 ? codes.length != 0 : codes.length % frames != 0) {
            throw new IllegalArgumentException("episode " + id + ": " + codes.length + " codes do not split into " + frames + " frames");
        }
    }

    /** Codes per frame (h·w). */
    public int codesPerFrame() {
        return frames == 0 ? 0 : codes.length / frames;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenEpisode e && id.equals(e.id) && frames == e.frames && Arrays.equals(codes, e.codes)
                && Arrays.equals(actions, e.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, frames, Arrays.hashCode(codes), Arrays.hashCode(actions));
    }

    @Override
    public String toString() {
        return "TokenEpisode(" + id + ", " + frames + " frames, " + codes.length + " codes)";
    }
}
