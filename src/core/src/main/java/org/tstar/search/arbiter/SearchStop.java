package org.tstar.search.arbiter;

import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

/**
 * Ends a search whose trial log failed: Arbiter only logs a task that throws and goes on proposing, so the first
 * failure is kept here, the runner terminates once no candidate is in flight, candidates already handed out end
 * at once without training, and the search rethrows the failure when the runner returns.
 */
final class SearchStop implements TerminationCondition {
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final java.util.List<Runnable> onStop = new java.util.concurrent.CopyOnWriteArrayList<>();

    void failed(RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            onStop.forEach(Runnable::run);
        }
    }

    /** Runs {@code action} when the search stops (a schedule's waiting trials must not wait for it forever). */
    void onStop(Runnable action) {
        onStop.add(action);
    }

    boolean stopped() {
        return failure.get() != null;
    }

    String reason() {
        RuntimeException e = failure.get();
        return e == null ? "" : String.valueOf(e.getMessage());
    }

    /** Throws the failure that stopped the search, if any. */
    void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void initialize(IOptimizationRunner runner) {
        // nothing to start: the condition only looks at the failure and the queue
    }

    @Override
    public boolean terminate(IOptimizationRunner runner) {
        return failure.get() != null && runner.numCandidatesQueued() == 0;
    }
}
