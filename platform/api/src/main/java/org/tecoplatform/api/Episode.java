package org.tecoplatform.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One episode (or a window of it): its frames and the action taken at each frame.
 * {@code actions[t]} is the dataset's integer action for frame t; datasets without actions
 * use {@link DatasetInfo#noAction()}.
 */
public record Episode(String id, Video video, int[] actions) {

    public Episode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(actions, "actions");
        if (actions.length != video.frames()) {
            throw new IllegalArgumentException("episode " + id + ": " + video.frames() + " frames but " + actions.length + " actions");
        }
    }

    public int frames() {
        return video.frames();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episode e && id.equals(e.id) && video.equals(e.video) && Arrays.equals(actions, e.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, video, Arrays.hashCode(actions));
    }

    @Override
    public String toString() {
        return "Episode(" + id + ", " + video + ")";
    }
}
