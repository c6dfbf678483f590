package org.tstar.search.arbiter;

import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.search.fidelity.Pruner;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialListener;

/**
 * tstar's Arbiter task creator for candidates that are a temperature: each task runs one {@link TemperatureTrial}
 * on data loaded once by the caller and shared by all tasks. Arbiter's own DL4J task creator re-creates the
 * data source per candidate, then calls {@code System.gc()} and sleeps 2 s; this one does neither.
 *
 * <p>The task's score is the trial's validation score; a trial that diverged or threw ends as an Arbiter
 * {@code Failed} candidate with its reason. Arbiter's data source and score function arguments are not used. What
 * one task does, from replay to scoring, is {@link TemperatureTrialRun}; this class holds what every task shares.
 */
public final class TrialTaskCreator implements TaskCreator {
    final Strategy strategy;
    final TemperatureTrial trial;
    final Score score;
    final TrialListener listener;
    final long origin;
    final RecordedTrials recorded;
    final SearchStop stop;
    final Pruner pruner;
    final boolean curves;

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
        return () -> new TemperatureTrialRun(this, candidate, statusListeners, runner).run();
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> new TemperatureTrialRun(this, candidate, statusListeners, runner).run();
    }
}
