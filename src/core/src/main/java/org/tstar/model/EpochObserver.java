package org.tstar.model;

/**
 * Watches a trial's learning curve: told the validation scores after every epoch, it says whether the trial goes
 * on (a pruner's rule) and may record the point (the curve log).
 */
@FunctionalInterface
public interface EpochObserver {
    /** No per-epoch evaluation at all: the trial trains its full recipe and is evaluated once, at the end. */
    EpochObserver NONE = (epoch, samplePasses, accuracy, loss) -> true;

    /**
     * @param epoch 1-based epoch just finished
     * @param samplePasses training sample passes so far
     * @return false to stop the trial here: it ends {@link TrialStatus#PRUNED} with these scores
     */
    boolean epochEnded(int epoch, long samplePasses, double validationAccuracy, double validationLoss);
}
