package org.tecoplatform.data.loader;

/**
 * A data loader worker failed for a reason other than bad input (which stays a
 * {@link org.tecoplatform.api.BadInputException}); the worker's exception is the cause.
 */
public class LoaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
