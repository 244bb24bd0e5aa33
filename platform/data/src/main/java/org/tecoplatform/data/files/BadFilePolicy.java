package org.tecoplatform.data.files;

import java.util.Locale;

/** What a reader's {@code episodes(...)} does with a file that is not a valid episode ({@code <dataset>.on_bad_file}). */
public enum BadFilePolicy {
    /** Stop with an error naming the file. */
    FAIL,
    /** Log a warning, leave the file out and report it as a problem. */
    SKIP;

    /** The value a config uses: {@code fail} or {@code skip}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
