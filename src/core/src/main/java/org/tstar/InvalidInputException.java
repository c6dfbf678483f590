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

    /** Characters of a user's value a refusal quotes; a longer value is cut, its length said. */
    public static final int QUOTED = 80;
    /** Characters a refusal shows at most, whatever a library put in its message. */
    public static final int LINE = 600;

    /** The first line of a (library's) message, so a refusal stays one line; {@code whenMissing} for null. */
    public static String firstLine(String message, String whenMissing) {
        if (message == null) {
            return whenMissing;
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() <= LINE ? line : line.substring(0, LINE) + "… (" + line.length() + " characters)";
    }

    /** A user's value in quotes for a refusal, cut to {@link #QUOTED} characters. */
    public static String quote(Object value) {
        String text = String.valueOf(value).replace('\n', ' ');
        return text.length() <= QUOTED ? "'" + text + "'"
                : "'" + text.substring(0, QUOTED) + "…' (" + text.length() + " characters)";
    }

    /** A user's value as it is for a refusal, cut to {@link #QUOTED} characters. */
    public static String shorten(Object value) {
        String text = String.valueOf(value).replace('\n', ' ');
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "… (" + text.length() + " characters)";
    }
}
