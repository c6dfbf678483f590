package org.tstar.search;

import java.util.List;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSplit;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrialResult;
import org.tstar.robustness.RobustnessSettings;
import org.tstar.search.arbiter.ArbiterSearch;
import org.tstar.search.arbiter.TemperatureGenerator;
import org.tstar.search.config.PruningSettings;
import org.tstar.search.config.RandomSettings;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.fidelity.SuccessiveHalvingPruner;
import org.tstar.search.space.TemperatureSpace;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialExecutor;
import org.tstar.search.trial.TrialListener;

/**
 * A search space made ready to run: its data loaded, split and converted once (shared by every trial of every
 * strategy), its training-free estimate T̂* computed, and the Arbiter generator of each strategy built from it.
 * Every strategy run from one task trains on the same data with the same recipe and seeds.
 */
public final class SearchTask {
    private final SearchSpaceDefinition space;
    private final PreparedSplit data;
    private final AnalyticalTemperature.Estimate estimate;
    private final double rangeFactor;
    private final TemperatureTrial trial;
    private final RecordedTrials recorded;
    private final TemperatureTrainer trainer;
    private final TrialExecutor executor;

    /** A task whose trials are {@code trial} (a known curve in generator tests); it always runs in this JVM. */
    public SearchTask(SearchSpaceDefinition space, PreparedSplit data, AnalyticalTemperature.Estimate estimate,
                      double rangeFactor, TemperatureTrial trial) {
        this(space, data, estimate, rangeFactor, trial, RecordedTrials.none(), null, TrialExecutor.LOCAL);
    }

    private SearchTask(SearchSpaceDefinition space, PreparedSplit data, AnalyticalTemperature.Estimate estimate,
                       double rangeFactor, TemperatureTrial trial, RecordedTrials recorded, TemperatureTrainer trainer,
                       TrialExecutor executor) {
        this.space = space;
        this.data = data;
        this.estimate = estimate;
        this.rangeFactor = rangeFactor;
        this.trial = trial;
        this.recorded = recorded;
        this.trainer = trainer;
        this.executor = executor;
    }

    private static SearchTask training(SearchSpaceDefinition space, PreparedSplit data,
                                       AnalyticalTemperature.Estimate estimate, double rangeFactor,
                                       RecordedTrials recorded, TemperatureTrainer trainer, TrialExecutor executor) {
        return new SearchTask(space, data, estimate, rangeFactor, executor.trial(trainer, data), recorded, trainer,
                executor);
    }

    /** This task resuming an interrupted run: trials {@code recorded} holds are replayed, not trained again. */
    public SearchTask resuming(RecordedTrials recorded) {
        return new SearchTask(space, data, estimate, rangeFactor, trial, recorded, trainer, executor);
    }

    /**
     * This task with its trials trained by {@code other} (a Spark cluster, or this JVM); generator, pruner and logs
     * stay here, so results are those of a local run.
     */
    public SearchTask on(TrialExecutor other) {
        if (trainer == null) {
            throw new IllegalStateException("a task built on a given trial cannot move to another executor");
        }
        return training(space, data, estimate, rangeFactor, recorded, trainer, other);
    }

    public TrialExecutor executor() {
        return executor;
    }

    /**
     * This task with Arbiter's random search limited to {@code trials} (a benchmark gives it the analytical
     * search's trial count, to show what the seed is worth over an unseeded search of equal cost).
     */
    public SearchTask withRandomBudget(int trials) {
        return searching(space.withRandom(new RandomSettings(trials, space.random().seed())));
    }

    /**
     * This task's data and estimate, trained and measured under other robustness settings: a trainer with them
     * replaces the task's trial, so two training modes share one loaded and converted split.
     */
    public SearchTask withRobustness(RobustnessSettings robustness) {
        SearchSpaceDefinition changed = space.withRobustness(robustness);
        TemperatureTrainer changedTrainer = new TemperatureTrainer(changed.head(), changed.recipe(), robustness);
        return training(changed, data, estimate, rangeFactor, recorded, changedTrainer, executor);
    }

    /** This task recording learning curves (a benchmark keeps them for the fidelity analysis). */
    public SearchTask withLearningCurves() {
        return searching(space.withLearningCurves(true));
    }

    /** This task with another pruning rule (a benchmark runs the same search with and without). */
    public SearchTask withPruning(PruningSettings pruning) {
        return searching(space.withPruning(pruning));
    }

    /** This task searching as {@code changed} says, its trials unchanged (search or execution settings only). */
    private SearchTask searching(SearchSpaceDefinition changed) {
        return new SearchTask(changed, data, estimate, rangeFactor, trial, recorded, trainer, executor);
    }

    /** One trial at {@code temperature} outside any search (a benchmark's T = 1 baseline). */
    public TrialResult trainAt(double temperature) {
        return trial.run(temperature);
    }

    public RecordedTrials recorded() {
        return recorded;
    }

    /**
     * Loads the space's data once, estimates T̂* on its training part, and trains trials with its recipe. A
     * refused input names the space field it came from.
     */
    public static SearchTask prepare(SearchSpaceDefinition space) {
        EstimateSource source;
        try {
            source = EstimateSource.resolve(space, space.analytical().coefficients());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("analytical.coefficients: " + e.getMessage());
        }
        DataSplit split;
        try {
            split = space.data().prepare();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("data.source '" + space.data().source().spec() + "': " + e.getMessage());
        }
        AnalyticalTemperature.Estimate estimate = source.estimate(space, split, CumulativeSpectralGradient.standard());
        double range = estimate.prior() != null ? space.analytical().rangeFactor(estimate.prior().expectedLogError())
                : space.analytical().rangeFactor(estimate.coefficients());
        PreparedSplit data = PreparedSplit.of(split);
        TemperatureTrainer trainer = new TemperatureTrainer(space.head(), space.recipe(), space.robustness());
        return training(space, data, estimate, range, RecordedTrials.none(), trainer, TrialExecutor.LOCAL);
    }

    public SearchSpaceDefinition space() {
        return space;
    }

    public PreparedSplit data() {
        return data;
    }

    public AnalyticalTemperature.Estimate estimate() {
        return estimate;
    }

    public double rangeFactor() {
        return rangeFactor;
    }

    public TemperatureSpace temperatureSpace() {
        return new TemperatureSpace(space.temperature().min(), space.temperature().max());
    }

    /** A fresh Arbiter generator for {@code strategy} over a fresh {@link TemperatureSpace}. */
    public TemperatureGenerator generator(Strategy strategy) {
        return SearchPlan.of(this, strategy).search().generator();
    }

    /**
     * The successive-halving schedule of a multi-fidelity strategy, planned from the space's
     * {@code successiveHalving} settings and the recipe's epochs. A budget that affords no bracket is refused
     * with the setting's name.
     */
    public SuccessiveHalvingPruner halving(Strategy strategy) {
        return SearchPlan.halving(space, strategy, estimate.temperature());
    }

    /**
     * True when the space's recipe and {@code successiveHalving.budget} afford a successive-halving plan: false for a
     * one-epoch recipe (a single rung) or a budget below two looks and one full trial.
     */
    public boolean affordsHalving() {
        try {
            halving(Strategy.SH);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Runs one strategy through Arbiter's runner with tstar's task creator. */
    public SearchOutcome run(Strategy strategy, TrialListener listener) {
        return run(strategy, listener, List.of());
    }

    /** As {@link #run(Strategy, TrialListener)}, with Arbiter status listeners on the runner (metrics, UI). */
    public SearchOutcome run(Strategy strategy, TrialListener listener, List<StatusListener> statusListeners) {
        SearchPlan plan = SearchPlan.of(this, strategy);
        ArbiterSearch.Ran ran = plan.search().run(listener, statusListeners);
        return new SearchOutcome(strategy, plan.description(), space.score(), ran.trials(), ran.wallSeconds());
    }

    TemperatureTrial trial() {
        return trial;
    }

    /** The trainer behind the trial; null for a task built on a given trial. */
    TemperatureTrainer trainer() {
        return trainer;
    }
}
