package org.tstar.bench;

/**
 * A run that stopped before its end because a report could not be written: its message says which file, why, and
 * how to resume what was kept.
 */
public final class RunStoppedException extends RuntimeException {
    public RunStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
