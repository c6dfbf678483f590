package org.tstar.model;

/** How a trial ended. */
public enum TrialStatus {
    /** Trained and evaluated; its scores are real. */
    COMPLETED,
    /** The loss or a score became NaN/Inf, or training threw; it counts as the worst score. */
    FAILED,
    /**
     * Stopped early by a pruner: its validation scores are those of its last epoch (a partial score, not a
     * failure), it has no test accuracy, and its compute is what it used.
     */
    PRUNED
}
