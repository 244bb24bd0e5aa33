package org.tecoplatform.api;

/**
 * Which frames of an episode to read: {@code length} frames from {@code start};
 * {@link #ALL} reads the whole episode.
 */
public record FrameWindow(int start, int length) {

    public static final FrameWindow ALL = new FrameWindow(0, -1);

    public FrameWindow {
        if (start < 0 || length < -1) {
            throw new IllegalArgumentException("bad frame window start=" + start + " length=" + length);
        }
    }

    public boolean isAll() {
        return length == -1;
    }
}
