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

    /** The first line of a (library's) message, so a refusal stays one line; {@code whenMissing} for null. */
    public static String firstLine(String message, String whenMissing) {
        if (message == null) {
            return whenMissing;
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
