package org.tecoplatform.api;

import org.osgi.annotation.versioning.ProviderType;

/** Progress of one long task, shown to the user as a bar with rate and ETA. */
@ProviderType
public interface Progress extends AutoCloseable {

    /** Marks {@code n} more units done. */
    void advance(long n);

    /** Short status shown beside the bar (for example the current loss). */
    void status(String text);

    @Override
    void close();
}
