package org.tstar.search.trial;

import java.util.List;

/**
 * Told about every trial as it starts, after each of its epochs, and as it ends, in the order that happens
 * (reports, console, progress). Must be thread-safe: with parallel trials the calls come from several threads.
 */
public interface TrialListener {
    void trialEnded(TrialRecord record);

    /** @param trial the trial's number in proposal order (1-based), as in {@link TrialRecord#trial()} */
    default void trialStarted(Strategy strategy, int trial, double temperature) {
    }

    /** A point of a trial's learning curve, as the epoch ends (not for trials replayed on resume). */
    default void epochEnded(Strategy strategy, int trial, double temperature, CurvePoint point) {
    }

    /** Every one of {@code listeners}, in order. */
    static TrialListener all(TrialListener... listeners) {
        List<TrialListener> all = List.of(listeners);
        return new TrialListener() {
            @Override
            public void trialEnded(TrialRecord record) {
                all.forEach(l -> l.trialEnded(record));
            }

            @Override
            public void trialStarted(Strategy strategy, int trial, double temperature) {
                all.forEach(l -> l.trialStarted(strategy, trial, temperature));
            }

            @Override
            public void epochEnded(Strategy strategy, int trial, double temperature, CurvePoint point) {
                all.forEach(l -> l.epochEnded(strategy, trial, temperature, point));
            }
        };
    }
}
