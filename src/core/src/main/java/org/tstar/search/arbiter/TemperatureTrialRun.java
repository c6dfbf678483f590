package org.tstar.search.arbiter;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.model.EpochObserver;
import org.tstar.model.TrialResult;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.TrialExecutor;
import org.tstar.search.trial.TrialRecord;

/**
 * One Arbiter task's life: replayed from the interrupted run's record or trained with its curve told to the
 * listener and the pruner, scored, logged, then reported to the runner. A search that stopped ends its remaining
 * tasks without training; a trial that throws is a failed candidate with its reason, never a crashed search.
 */
final class TemperatureTrialRun {
    private final TrialTaskCreator shared;
    private final Candidate candidate;
    private final List<StatusListener> statusListeners;
    private final IOptimizationRunner runner;
    private final int number;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();

    TemperatureTrialRun(TrialTaskCreator shared, Candidate candidate, List<StatusListener> statusListeners,
                        IOptimizationRunner runner) {
        this.shared = shared;
        this.candidate = candidate;
        this.statusListeners = statusListeners;
        this.runner = runner;
        this.number = candidate.getIndex() + 1;
    }

    OptimizationResult run() {
        if (shared.stop.stopped()) {
            return stopped();
        }
        tell(new CandidateInfo(candidate.getIndex(), CandidateStatus.Running, null, startMillis, startMillis, null,
                candidate.getFlatParameters(), null), null);
        Object value = candidate.getValue();
        Optional<RecordedTrials.Replay> replay = value instanceof Double t ? shared.recorded.take(shared.strategy, t)
                : Optional.empty();
        TrialResult result;
        if (replay.isPresent()) {
            result = replay.get().result();
            // the pruner judges later trials against this one's curve, as it did in the interrupted run
            replay.get().curve().forEach(p -> shared.pruner.prune(number, p.epoch(), shared.score.pruningScore(p)));
        } else if (value instanceof Double temperature) {
            result = train(temperature);
            if (result == null) {
                return stopped();
            }
        } else {
            result = TrialResult.failed(Double.NaN, "candidate is not a temperature but " + value, 0, 0, 0, 0);
        }
        if (result.completed()) {
            shared.pruner.completed(number);
        }
        shared.pruner.ended(number);
        if (shared.stop.stopped()) {
            // a trial that waited at a rung when the search stopped was cut short by the stop, not by its rank
            return stopped();
        }
        return report(result, replay.isPresent());
    }

    /** The trial trained here or where the executor sends it; null when it threw because the search stopped. */
    private TrialResult train(double temperature) {
        shared.listener.trialStarted(shared.strategy, number, temperature);
        EpochObserver observer = (epoch, passes, accuracy, loss) -> {
            CurvePoint point = new CurvePoint(epoch, passes, accuracy, loss);
            try {
                shared.listener.epochEnded(shared.strategy, number, temperature, point);
            } catch (RuntimeException e) {
                // the curve log could not take the point: the search stops, as for the trial log
                shared.stop.failed(e);
                throw e;
            }
            return !shared.pruner.prune(number, epoch, shared.score.pruningScore(point));
        };
        shared.pruner.started(number);
        try {
            return shared.curves ? shared.trial.run(temperature, observer) : shared.trial.run(temperature);
        } catch (RuntimeException e) {
            if (shared.stop.stopped()) {
                shared.pruner.ended(number);
                return null;
            }
            return TrialResult.failed(temperature, TrialExecutor.RemoteFailure.reasonOf(e), 0, 0,
                    (System.nanoTime() - startNanos) / 1e9, 0);
        }
    }

    /** Logs the trial, then tells the runner's listeners: a trial the log could not take stops the search. */
    private OptimizationResult report(TrialResult result, boolean replayed) {
        long endNanos = System.nanoTime();
        // a pruned trial reaches the generator with its partial score, as what it is: a worse temperature
        Double validationScore = null;
        if (result.completed()) {
            validationScore = shared.score.of(result);
        } else if (result.pruned()) {
            validationScore = shared.score.partialScore(result);
        }
        boolean scored = validationScore != null;
        CandidateInfo info = new CandidateInfo(candidate.getIndex(),
                scored ? CandidateStatus.Complete : CandidateStatus.Failed, validationScore, startMillis,
                startMillis, System.currentTimeMillis(), candidate.getFlatParameters(),
                scored ? null : result.failureReason());
        OptimizationResult optimizationResult = new OptimizationResult(candidate, validationScore, candidate.getIndex(),
                result, info, null);
        try {
            shared.listener.trialEnded(new TrialRecord(shared.strategy, number, result,
                    (startNanos - shared.origin) / 1e9, (endNanos - shared.origin) / 1e9, replayed));
        } catch (RuntimeException e) {
            // not logged, so not done: neither the generator nor the status listeners hear of it
            shared.stop.failed(e);
            return stopped();
        }
        tell(info, optimizationResult);
        return optimizationResult;
    }

    private void tell(CandidateInfo info, OptimizationResult result) {
        for (StatusListener l : statusListeners) {
            l.onCandidateStatusChange(info, runner, result);
        }
    }

    /**
     * The result of a candidate the stopped search does not count: Arbiter's {@code Failed} status keeps it from
     * the generator without the stack trace a thrown task would log.
     */
    private OptimizationResult stopped() {
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Failed, null, startMillis,
                startMillis, System.currentTimeMillis(), candidate.getFlatParameters(),
                "search stopped: " + shared.stop.reason());
        return new OptimizationResult(candidate, null, candidate.getIndex(), null, info, null);
    }
}
