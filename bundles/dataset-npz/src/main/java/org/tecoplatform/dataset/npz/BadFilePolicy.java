package org.tecoplatform.dataset.npz;

import java.util.Locale;

/** What {@code episodes(...)} does with a file that is not a valid episode ({@code on_bad_file}). */
public enum BadFilePolicy {
    /** Stop with an error naming the file. */
    FAIL,
    /** Log a warning and leave the file out. */
    SKIP;

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
