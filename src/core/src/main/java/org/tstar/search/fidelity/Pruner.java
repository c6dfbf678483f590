package org.tstar.search.fidelity;

/**
 * When to stop a trial early: a rule on its learning curve, kept apart from the generator that chose its
 * temperature (as Optuna splits pruner and sampler). One pruner serves one strategy's search; trials report
 * their scores epoch by epoch, concurrently when trials run in parallel.
 */
public interface Pruner {
    /** Prunes nothing: every trial trains its full recipe. */
    Pruner NONE = new Pruner() {
        @Override
        public boolean prune(int trial, int epoch, double score) {
            return false;
        }

        @Override
        public void completed(int trial) {
        }
    };

    /**
     * Records trial {@code trial}'s validation score after {@code epoch} (larger is better: a loss comes negated)
     * and says whether to stop it there.
     */
    boolean prune(int trial, int epoch, double score);

    /** The trial trained its full recipe: its curve becomes one the others are judged against. */
    void completed(int trial);

    /** The trial is about to train (a replayed trial does not): a schedule may hold it until it can compute. */
    default void started(int trial) {
    }

    /** The trial ended, however: completed, pruned, failed or replayed. */
    default void ended(int trial) {
    }

    /** The search is stopping (its trial log failed): a trial held waiting must be let go, as pruned. */
    default void abort() {
    }
}
