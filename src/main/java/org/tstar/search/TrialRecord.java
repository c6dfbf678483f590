package org.tstar.search;

import org.tstar.model.TrialResult;

/**
 * One finished trial of a search: which strategy ran it, its number in proposal order (1-based), what it
 * produced and cost, and when it ran (seconds since the search started, for the runner-overhead measure).
 */
public record TrialRecord(Strategy strategy, int trial, TrialResult result, double startedAt, double endedAt) {
}
