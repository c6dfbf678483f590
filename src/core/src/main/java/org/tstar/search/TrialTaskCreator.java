package org.tstar.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.model.EpochObserver;
import org.tstar.model.TrialResult;
import org.tstar.search.SearchSpaceDefinition.Score;

/**
 * tstar's Arbiter task creator for candidates that are a temperature: each task runs one {@link TemperatureTrial}
 * on data loaded once by the caller and shared by all tasks. Arbiter's own DL4J task creator re-creates the
 * data source per candidate, then calls {@code System.gc()} and sleeps 2 s; this one does neither.
 *
 * <p>The task's score is the trial's validation score; a trial that diverged or threw ends as an Arbiter
 * {@code Failed} candidate with its reason. Arbiter's data source and score function arguments are not used.
 */
public final class TrialTaskCreator implements TaskCreator {
    private final Strategy strategy;
    private final TemperatureTrial trial;
    private final Score score;
    private final TrialListener listener;
    private final long origin;
    private final RecordedTrials recorded;
    private final SearchStop stop;
    private final Pruner pruner;
    private final boolean curves;

    /** @param origin {@link System#nanoTime()} at which the search started, for the trial timestamps */
    public TrialTaskCreator(Strategy strategy, TemperatureTrial trial, Score score, TrialListener listener, long origin) {
        this(strategy, trial, score, listener, origin, RecordedTrials.none());
    }

    /** As above; a candidate whose result {@code recorded} holds is replayed from it, not trained again. */
    public TrialTaskCreator(Strategy strategy, TemperatureTrial trial, Score score, TrialListener listener, long origin,
                            RecordedTrials recorded) {
        this(strategy, trial, score, listener, origin, recorded, new SearchStop(), Pruner.NONE, false);
    }

    /**
     * As above; once {@code stop} has a failure, candidates still handed out end at once without training; each
     * trial's learning curve goes to the listener and to {@code pruner}, which may stop it.
     */
    TrialTaskCreator(Strategy strategy, TemperatureTrial trial, Score score, TrialListener listener, long origin,
                     RecordedTrials recorded, SearchStop stop, Pruner pruner, boolean curves) {
        this.curves = curves;
        this.stop = Objects.requireNonNull(stop);
        this.pruner = Objects.requireNonNull(pruner);
        this.strategy = Objects.requireNonNull(strategy);
        this.trial = Objects.requireNonNull(trial);
        this.score = Objects.requireNonNull(score);
        this.listener = Objects.requireNonNull(listener);
        this.origin = origin;
        this.recorded = Objects.requireNonNull(recorded);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> run(candidate, statusListeners, runner);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> run(candidate, statusListeners, runner);
    }

    private OptimizationResult run(Candidate candidate, List<StatusListener> statusListeners, IOptimizationRunner runner) {
        if (stop.stopped()) {
            return stopped(candidate, System.currentTimeMillis());
        }
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Object value = candidate.getValue();
        CandidateInfo running = new CandidateInfo(candidate.getIndex(), CandidateStatus.Running, null, startMillis,
                startMillis, null, candidate.getFlatParameters(), null);
        for (StatusListener l : statusListeners) {
            l.onCandidateStatusChange(running, runner, null);
        }
        TrialResult result;
        int number = candidate.getIndex() + 1;
        Optional<RecordedTrials.Replay> replay = value instanceof Double t ? recorded.take(strategy, t) : Optional.empty();
        if (replay.isPresent()) {
            result = replay.get().result();
            // the pruner judges later trials against this one's curve, as it did in the interrupted run
            replay.get().curve().forEach(p -> pruner.prune(number, p.epoch(), pruningScore(p)));
        } else if (!(value instanceof Double temperature)) {
            result = TrialResult.failed(Double.NaN, "candidate is not a temperature but " + value, 0, 0, 0, 0);
        } else {
            listener.trialStarted(strategy, number, temperature);
            EpochObserver observer = (epoch, passes, accuracy, loss) -> {
                CurvePoint point = new CurvePoint(epoch, passes, accuracy, loss);
                try {
                    listener.epochEnded(strategy, number, temperature, point);
                } catch (RuntimeException e) {
                    // the curve log could not take the point: the search stops, as for the trial log
                    stop.failed(e);
                    throw e;
                }
                return !pruner.prune(number, epoch, pruningScore(point));
            };
            pruner.started(number);
            try {
                result = curves ? trial.run(temperature, observer) : trial.run(temperature);
            } catch (RuntimeException e) {
                if (stop.stopped()) {
                    pruner.ended(number);
                    return stopped(candidate, startMillis);
                }
                // A trial that throws is a failed candidate with its reason, never a crashed search.
                result = TrialResult.failed(temperature, TrialExecutor.RemoteFailure.reasonOf(e), 0, 0,
                        (System.nanoTime() - startNanos) / 1e9, 0);
            }
        }
        if (result.completed()) {
            pruner.completed(number);
        }
        pruner.ended(number);
        if (stop.stopped()) {
            // a trial that waited at a rung when the search stopped was cut short by the stop, not by its rank
            return stopped(candidate, startMillis);
        }
        long endNanos = System.nanoTime();
        // a pruned trial reaches the generator with its partial score, as what it is: a worse temperature
        Double validationScore = null;
        if (result.completed()) {
            validationScore = score.of(result);
        } else if (result.pruned()) {
            validationScore = partialScore(result);
        }
        boolean scored = validationScore != null;
        CandidateInfo info = new CandidateInfo(candidate.getIndex(),
                scored ? CandidateStatus.Complete : CandidateStatus.Failed, validationScore, startMillis,
                startMillis, System.currentTimeMillis(), candidate.getFlatParameters(),
                scored ? null : result.failureReason());
        OptimizationResult optimizationResult = new OptimizationResult(candidate, validationScore, candidate.getIndex(), result,
                info, null);
        try {
            listener.trialEnded(new TrialRecord(strategy, number, result, (startNanos - origin) / 1e9,
                    (endNanos - origin) / 1e9, replay.isPresent()));
        } catch (RuntimeException e) {
            // not logged, so not done: neither the generator nor the status listeners hear of it
            stop.failed(e);
            return stopped(candidate, startMillis);
        }
        for (StatusListener l : statusListeners) {
            l.onCandidateStatusChange(info, runner, optimizationResult);
        }
        return optimizationResult;
    }

    /** The score a pruner compares, larger better: validation accuracy, or the negated loss for a loss score. */
    private double pruningScore(CurvePoint p) {
        return score == Score.LOSS ? -p.validationLoss() : p.validationAccuracy();
    }

    /**
     * A pruned trial's partial score in the search's own terms, for the generator (the robust score has no
     * per-epoch value: a robust search gets the partial validation accuracy).
     */
    private double partialScore(TrialResult r) {
        return score == Score.LOSS ? r.validationLoss() : r.validationAccuracy();
    }

    /**
     * The result of a candidate the stopped search does not count: Arbiter's {@code Failed} status keeps it from
     * the generator without the stack trace a thrown task would log.
     */
    private OptimizationResult stopped(Candidate candidate, long startMillis) {
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Failed, null, startMillis, startMillis,
                System.currentTimeMillis(), candidate.getFlatParameters(), "search stopped: " + stop.reason());
        return new OptimizationResult(candidate, null, candidate.getIndex(), null, info, null);
    }
}
