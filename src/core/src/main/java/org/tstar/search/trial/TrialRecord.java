package org.tstar.search.trial;

import org.tstar.model.TrialResult;

/**
 * One finished trial of a search: which strategy ran it, its number in proposal order (1-based), what it
 * produced and cost, when it ran (seconds since the search started, for the runner-overhead measure), and
 * whether it was replayed from an interrupted run's {@code trials.csv} instead of trained again.
 */
public record TrialRecord(Strategy strategy, int trial, TrialResult result, double startedAt, double endedAt,
                          boolean replayed) {

    /** A trial trained in this run. */
    public TrialRecord(Strategy strategy, int trial, TrialResult result, double startedAt, double endedAt) {
        this(strategy, trial, result, startedAt, endedAt, false);
    }
}
