package org.tstar.search.trial;

import org.tstar.model.TrialResult;

/** What a trial is judged by on the validation part, and which way is better. */
public enum Score {
    ACCURACY, LOSS, ROBUST;

    public boolean minimize() {
        return this == LOSS;
    }

    /** The trial's validation score (NaN for a failed trial). */
    public double of(TrialResult r) {
        return switch (this) {
            case LOSS -> r.validationLoss();
            case ACCURACY -> r.validationAccuracy();
            case ROBUST -> r.robustness().robustScore();
        };
    }

    /**
     * The score a pruner compares after an epoch, larger better: validation accuracy, or the negated loss for a loss
     * score (the robust score has no per-epoch value, so a robust search is pruned on accuracy).
     */
    public double pruningScore(CurvePoint p) {
        return this == LOSS ? -p.validationLoss() : p.validationAccuracy();
    }

    /**
     * A pruned trial's partial score in the search's own terms, for the generator (a robust search gets the partial
     * validation accuracy).
     */
    public double partialScore(TrialResult r) {
        return this == LOSS ? r.validationLoss() : r.validationAccuracy();
    }

    public String label() {
        return switch (this) {
            case LOSS -> "validation loss";
            case ACCURACY -> "validation accuracy";
            case ROBUST -> "validation robust score";
        };
    }

    /** The space file's name for it. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The score a space file names; refused naming the keys it accepts. */
    public static Score parse(String text) {
        for (Score s : values()) {
            if (s.key().equals(text)) {
                return s;
            }
        }
        throw new org.tstar.InvalidInputException("score: '" + text + "' is not accuracy, loss or robust");
    }
}
