package org.tecoplatform.api;

import org.osgi.annotation.versioning.ProviderType;

/** Progress of one long task, shown to the user as a bar with rate and ETA. */
@ProviderType
public interface Progress extends AutoCloseable {

    /** Marks {@code n} more units done. */
    void advance(long n);

    /** Short status shown beside the bar (for example the current loss). */
    void status(String text);

    /**
     * The task stops within {@code seconds} from now at the latest (a time budget): the ETA shown is
     * then the earlier of this and the one its rate gives. Call again as the budget is spent.
     */
    default void timeLeft(double seconds) {
    }

    @Override
    void close();
}
