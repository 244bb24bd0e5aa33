package org.tecoplatform.dataset.kinetics;

import java.util.Locale;

/** What {@code episodes(...)} does with a video that is not a valid episode ({@code kinetics.on_bad_file}). */
public enum BadFilePolicy {
    /** Stop with an error naming the file. */
    FAIL,
    /** Log a warning and leave the file out. */
    SKIP;

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
