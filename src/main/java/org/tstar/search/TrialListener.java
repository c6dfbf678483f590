package org.tstar.search;

/**
 * Told about every trial as it starts and ends, in the order that happens (reports, console, progress).
 * Must be thread-safe: with parallel trials the calls come from several threads.
 */
public interface TrialListener {
    void trialEnded(TrialRecord record);

    /** @param trial the trial's number in proposal order (1-based), as in {@link TrialRecord#trial()} */
    default void trialStarted(Strategy strategy, int trial, double temperature) {
    }
}
