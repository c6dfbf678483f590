package org.tstar.model;

/** How a trial ended. */
public enum TrialStatus {
    /** Trained and evaluated; its scores are real. */
    COMPLETED,
    /** The loss or a score became NaN/Inf, or training threw; it counts as the worst score. */
    FAILED
}
