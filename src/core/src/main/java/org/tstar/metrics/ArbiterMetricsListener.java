package org.tstar.metrics;

import io.micrometer.core.instrument.LongTaskTimer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.tstar.model.TrialResult;

/**
 * Bridges one Arbiter runner's candidate events to {@link TuningMetrics}: works with tstar's task creator
 * (whose results carry a {@link TrialResult}: compute, validation accuracy) and with Arbiter's own (then only
 * trial counts, durations and, for a maximized score, the best score are known). Failed candidates are counted
 * from the runner's status table too, because Arbiter's DL4J task creator does not report them to listeners.
 */
public final class ArbiterMetricsListener extends BaseStatusListener {
    private final TuningMetrics.StrategyMeters meters;
    private final Map<Integer, LongTaskTimer.Sample> running = new ConcurrentHashMap<>();
    private final Set<Integer> ended = new HashSet<>();
    private double bestAccuracy = Double.NEGATIVE_INFINITY;

    private final int recipeEpochs;

    ArbiterMetricsListener(TuningMetrics.StrategyMeters meters, int recipeEpochs) {
        this.recipeEpochs = recipeEpochs;
        this.meters = meters;
    }

    @Override
    public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner, OptimizationResult result) {
        switch (info.getCandidateStatus()) {
            case Running -> running.computeIfAbsent(info.getIndex(), i -> meters.running.start());
            case Complete, Failed -> ended(info, runner, result);
            default -> {
            }
        }
    }

    @Override
    public void onRunnerStatusChange(IOptimizationRunner runner) {
        for (CandidateInfo info : runner.getCandidateStatus()) {
            if (info.getCandidateStatus() == CandidateStatus.Failed) {
                ended(info, runner, null);
            }
        }
    }

    private synchronized void ended(CandidateInfo info, IOptimizationRunner runner, OptimizationResult result) {
        if (!ended.add(info.getIndex())) {
            return;
        }
        LongTaskTimer.Sample sample = running.remove(info.getIndex());
        if (sample != null) {
            sample.stop();
        }
        TrialResult trial = result != null && result.getModelSpecificResults() instanceof TrialResult t ? t : null;
        // a pruned trial reaches Arbiter as complete (its partial score guides the generator); it is counted apart
        boolean pruned = trial != null && trial.pruned();
        boolean completed = info.getCandidateStatus() == CandidateStatus.Complete && !pruned;
        (completed ? meters.completed : pruned ? meters.pruned : meters.failed).increment();
        if (pruned && recipeEpochs > trial.epochs()) {
            meters.epochsSaved.increment(recipeEpochs - trial.epochs());
        }
        if (trial != null) {
            meters.duration.record((long) (trial.seconds() * 1e9), TimeUnit.NANOSECONDS);
            meters.epochs.increment(trial.epochs());
            meters.samplePasses.increment(trial.samplePasses());
            meters.flops.increment(trial.totalFlops());
            meters.recordRobustness(trial.robustness());
        } else if (info.getStartTime() != null && info.getEndTime() != null) {
            meters.duration.record(info.getEndTime() - info.getStartTime(), TimeUnit.MILLISECONDS);
        }
        if (!completed) {
            return;
        }
        double accuracy = trial != null ? trial.validationAccuracy()
                : result != null && result.getScore() != null && !runner.getConfiguration().getScoreFunction().minimize()
                ? result.getScore() : Double.NaN;
        if (accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            meters.bestAccuracy.set(accuracy);
            if (trial != null) {
                meters.chosenTemperature.set(trial.temperature());
            }
        }
    }
}
