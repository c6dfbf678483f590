package org.tstar.search.arbiter;

import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

/**
 * Stops an Arbiter run once its generator has nothing more to propose and no candidate is in flight. Arbiter
 * has no such condition: without it a finished grid or analytical search spins until its time limit.
 */
public final class GeneratorExhaustedCondition implements TerminationCondition {

    @Override
    public void initialize(IOptimizationRunner runner) {
        // Nothing to start: the condition only looks at the generator and the queue.
    }

    @Override
    public boolean terminate(IOptimizationRunner runner) {
        return runner.numCandidatesQueued() == 0 && !runner.getConfiguration().getCandidateGenerator().hasMoreCandidates();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorExhaustedCondition;
    }

    @Override
    public int hashCode() {
        return GeneratorExhaustedCondition.class.hashCode();
    }

    @Override
    public String toString() {
        return "GeneratorExhaustedCondition";
    }
}
