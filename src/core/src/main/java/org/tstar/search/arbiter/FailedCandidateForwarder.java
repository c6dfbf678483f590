package org.tstar.search.arbiter;

import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;

/**
 * Tells the analytical generator of each candidate the runner saw fail: Arbiter reports only completed candidates
 * to a generator, and the analytical search waits for every result it asked for.
 */
final class FailedCandidateForwarder extends BaseStatusListener {
    private final AnalyticalSeedGenerator generator;

    FailedCandidateForwarder(AnalyticalSeedGenerator generator) {
        this.generator = generator;
    }

    @Override
    public void onRunnerStatusChange(IOptimizationRunner runner) {
        for (CandidateInfo info : runner.getCandidateStatus()) {
            if (info.getCandidateStatus() == CandidateStatus.Failed) {
                generator.candidateFailed(info.getIndex());
            }
        }
    }

    @Override
    public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner, OptimizationResult result) {
        if (info.getCandidateStatus() == CandidateStatus.Failed) {
            generator.candidateFailed(info.getIndex());
        }
    }
}
