package org.tecoplatform.api;

import java.util.Locale;

/** The dataset splits of the original layout: {@code <root>/train} and {@code <root>/test}. */
public enum Split {
    TRAIN, TEST;

    /** Folder name in the original layout. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
