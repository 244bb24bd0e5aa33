package org.tecoplatform.api;

import java.util.Objects;

/**
 * Where one episode lives, as its reader understands it (a file path, a procedural seed, ...).
 *
 * @param id       stable identifier, unique within the dataset
 * @param split    the split it belongs to
 * @param location reader-specific locator (for files, the absolute path)
 * @param frames   number of frames when known without decoding, else -1
 */
public record EpisodeRef(String id, Split split, String location, int frames) {

    public EpisodeRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(location, "location");
    }
}
