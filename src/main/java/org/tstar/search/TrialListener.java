package org.tstar.search;

/** Told about every trial as it ends, in the order trials end (reports, console, metrics). Must be thread-safe. */
@FunctionalInterface
public interface TrialListener {
    void trialEnded(TrialRecord record);
}
