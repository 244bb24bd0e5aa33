package org.tecoplatform.api;

/**
 * Bad input from the user: a config key, a file, a dataset that is not what it should be.
 * The message names the thing (file, key), what was expected and what was found. The CLI
 * turns it into exit code 2, any other failure into exit code 1.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
