package org.tstar;

/**
 * A user-supplied input (file, field, flag, value) that tstar refuses; its message is the one line shown to the user.
 *
 * <p>Thrown anywhere input is read or validated; the CLI turns it into that line on stderr and exit code 2, so the
 * message must name what was wrong, where, and the offending value.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
