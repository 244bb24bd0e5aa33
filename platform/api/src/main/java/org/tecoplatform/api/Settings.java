package org.tecoplatform.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A typed, read-only view of a resolved config (or of one of its sections). Keys are
 * dotted paths ({@code z_tfm_kwargs.embed_dim}). A missing key or a value of the wrong type
 * throws {@link BadInputException} naming the key, the expected type and the value found.
 */
@ProviderType
public interface Settings {

    boolean has(String key);

    /** The raw value (String, Integer, Long, Double, Boolean, List, Map) or {@code null}. */
    Object get(String key);

    String getString(String key);

    int getInt(String key);

    long getLong(String key);

    double getDouble(String key);

    boolean getBoolean(String key);

    /** A path, resolved against the folder of the config file it came from. */
    Path getPath(String key);

    List<Integer> getIntList(String key);

    List<String> getStringList(String key);

    /** The section under {@code key}; an empty section when the key is absent. */
    Settings section(String key);

    /** The keys directly under this section. */
    Set<String> keys();

    /** Dotted prefix of this section inside the whole config ("" for the root), for messages. */
    String prefix();

    default String getString(String key, String fallback) {
        return has(key) ? getString(key) : fallback;
    }

    default int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    default double getDouble(String key, double fallback) {
        return has(key) ? getDouble(key) : fallback;
    }

    default boolean getBoolean(String key, boolean fallback) {
        return has(key) ? getBoolean(key) : fallback;
    }
}
