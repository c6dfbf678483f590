package org.tstar.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSplit;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.SeparabilityProbe;
import org.tstar.estimate.TaskPredictors;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrialResult;
import org.tstar.robustness.RobustnessSettings;

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
        SearchSpaceDefinition budgeted = space.withRandom(new SearchSpaceDefinition.RandomSettings(trials, space.random().seed()));
        return new SearchTask(budgeted, data, estimate, rangeFactor, trial, recorded, trainer, executor);
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
        return new SearchTask(space.withLearningCurves(true), data, estimate, rangeFactor, trial, recorded, trainer,
                executor);
    }

    /** This task with another pruning rule (a benchmark runs the same search with and without). */
    public SearchTask withPruning(SearchSpaceDefinition.PruningSettings pruning) {
        return new SearchTask(space.withPruning(pruning), data, estimate, rangeFactor, trial, recorded, trainer,
                executor);
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

    /**
     * What T̂* comes from for a space's head: a coefficient set, or a transfer prior with the paper's set beside it
     * for reports. Resolved (its file read and checked) before any data loads, so a bad name is refused at once.
     */
    public record EstimateSource(TemperatureCoefficients coefficients, TransferPrior prior) {

        /**
         * {@code name} is a coefficient set or a prior. A prior was fitted on BN + linear and MLP heads: a cosine head
         * keeps the bundled cosine set.
         */
        public static EstimateSource resolve(SearchSpaceDefinition space, String name) {
            boolean cosine = space.head().type() == org.tstar.model.HeadType.COSINE;
            TransferPrior prior = !cosine && TransferPrior.names(name) ? TransferPrior.load(name) : null;
            return new EstimateSource(TemperatureCoefficients.forHead(prior != null ? "paper" : name, cosine), prior);
        }

        /** T̂* on the training part of {@code split}. */
        public AnalyticalTemperature.Estimate estimate(SearchSpaceDefinition space, DataSplit split,
                                                       CumulativeSpectralGradient csg) {
            AnalyticalTemperature.Estimate estimate = AnalyticalTemperature.estimate(
                    space.head().featureWidth(split.width()), split.train(), coefficients, csg);
            return prior == null ? estimate : estimate.withPrior(prior.predict(predictors(space, split, estimate.csg())));
        }
    }

    /**
     * The training-free predictors a transfer prior reads for this space: head, recipe, and the training split's
     * size, difficulty {@code csg} and separability probe. For an MLP head the probe, like csg, sees the head's input.
     */
    public static TaskPredictors predictors(SearchSpaceDefinition space, DataSplit split, double csg) {
        org.tstar.model.TrainingRecipe recipe = space.recipe();
        String head = space.head().type() == org.tstar.model.HeadType.LINEAR ? "linear+bn"
                : space.head().type().name().toLowerCase(java.util.Locale.ROOT);
        return new TaskPredictors(space.head().featureWidth(split.width()), split.classCount(), csg, split.train().rows(),
                head, recipe.updater().name().toLowerCase(java.util.Locale.ROOT), recipe.learningRate(), recipe.epochs(),
                recipe.batchSize(), SeparabilityProbe.measure(split.train(), space.data().split().seed()));
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
    public CandidateGenerator generator(Strategy strategy) {
        TemperatureSpace t = temperatureSpace();
        return switch (strategy) {
            case ANALYTICAL -> AnalyticalSeedGenerator.builder(t, estimate.temperature())
                    .rangeFactor(rangeFactor)
                    .tolerance(space.analytical().tolerance())
                    .maxTrials(space.analytical().maxTrials())
                    .parallelism(space.parallelism())
                    .minimize(space.score().minimize())
                    .build();
            // Sequential: Arbiter's RandomOrder cannot be seeded, and the grid must be reproducible.
            case GRID -> new GridSearchCandidateGenerator(t, space.temperature().gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            case RANDOM -> {
                BudgetedRandomSearch random = new BudgetedRandomSearch(t, space.random().trials());
                random.setRngSeed(space.random().seed());
                yield random;
            }
            case ANALYTICAL_SH, SH, HYPERBAND -> new SuccessiveHalvingGenerator(t, halving(strategy));
        };
    }

    /**
     * The successive-halving schedule of a multi-fidelity strategy, planned from the space's
     * {@code successiveHalving} settings and the recipe's epochs. A budget that affords no bracket is refused
     * with the setting's name.
     */
    public SuccessiveHalving halving(Strategy strategy) {
        return halving(space, strategy, estimate.temperature());
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

    /** As {@link #halving(Strategy)} for {@code space} with the seeded bracket at {@code seedTemperature}. */
    public static SuccessiveHalving halving(SearchSpaceDefinition space, Strategy strategy, double seedTemperature) {
        SearchSpaceDefinition.SuccessiveHalvingSettings h = space.successiveHalving();
        int epochs = space.recipe().epochs();
        List<Integer> rungs = FidelitySchedule.ladder(epochs, h.eta(), h.minEpochs());
        double budget = h.budget() * epochs;
        double min = space.temperature().min();
        double max = space.temperature().max();
        try {
            return switch (strategy) {
                case ANALYTICAL_SH -> SuccessiveHalving.bracket(rungs, h.eta(), budget,
                        SuccessiveHalving.seeded(seedTemperature, h.span(), min, max), true, space.parallelism());
                case SH -> SuccessiveHalving.bracket(rungs, h.eta(), budget,
                        SuccessiveHalving.logUniform(min, max, space.random().seed()), false, space.parallelism());
                case HYPERBAND -> SuccessiveHalving.hyperband(rungs, h.eta(), budget, min, max, space.random().seed(),
                        space.parallelism());
                default -> throw new IllegalArgumentException(strategy.label() + " is not a multi-fidelity strategy");
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(space.name() + ": successiveHalving.budget " + h.budget() + " (× "
                    + epochs + " epochs): " + e.getMessage());
        }
    }

    /** What the strategy's generator is, in one line, for reports. */
    public static String describe(CandidateGenerator generator, SearchSpaceDefinition space) {
        if (generator instanceof AnalyticalSeedGenerator a) {
            return a.describe();
        }
        if (generator instanceof GridSearchCandidateGenerator) {
            return "Arbiter grid: " + space.temperature().gridPoints() + " log-spaced temperatures in ["
                    + space.temperature().min() + ", " + space.temperature().max() + "], sequential order";
        }
        if (generator instanceof SuccessiveHalvingGenerator h) {
            SearchSpaceDefinition.SuccessiveHalvingSettings s = space.successiveHalving();
            return String.format(java.util.Locale.ROOT, "successive halving (η %s, budget %s full trials = %s epochs): %s",
                    plain(s.eta()), plain(s.budget()),
                    plain(s.budget() * space.recipe().epochs()), h.schedule().describe());
        }
        return "Arbiter random search: " + space.random().trials() + " log-uniform temperatures in ["
                + space.temperature().min() + ", " + space.temperature().max() + "], seed " + space.random().seed();
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Runs one strategy through Arbiter's {@link LocalOptimizationRunner} with tstar's task creator. */
    public SearchOutcome run(Strategy strategy, TrialListener listener) {
        return run(strategy, generator(strategy), listener, List.of());
    }

    /** As {@link #run(Strategy, TrialListener)}, with Arbiter status listeners on the runner (metrics, UI). */
    public SearchOutcome run(Strategy strategy, TrialListener listener, List<StatusListener> statusListeners) {
        return run(strategy, generator(strategy), listener, statusListeners);
    }

    SearchOutcome run(Strategy strategy, CandidateGenerator generator, TrialListener listener) {
        return run(strategy, generator, listener, List.of());
    }

    private SearchOutcome run(Strategy strategy, CandidateGenerator generator, TrialListener listener,
                              List<StatusListener> statusListeners) {
        long origin = System.nanoTime();
        List<TrialRecord> records = Collections.synchronizedList(new ArrayList<>());
        SearchStop stop = new SearchStop();
        TrialListener recordAndForward = new TrialListener() {
            @Override
            public void trialEnded(TrialRecord r) {
                // a listener that throws (the trial log could not take the row) stops the search: TrialTaskCreator
                listener.trialEnded(r);
                records.add(r);
            }

            @Override
            public void trialStarted(Strategy s, int trial, double temperature) {
                listener.trialStarted(s, trial, temperature);
            }

            @Override
            public void epochEnded(Strategy s, int trial, double temperature, CurvePoint point) {
                listener.epochEnded(s, trial, temperature, point);
            }
        };
        Pruner pruner = space.pruning().start();
        int threads = space.parallelism();
        if ((strategy == Strategy.GRID || strategy == Strategy.RANDOM) && !space.pruning().prunes()) {
            // their proposals do not depend on results: a cluster's free slots take more at once, same trials (a
            // pruner's decisions depend on which trials ended first, so with one the space's parallelism holds)
            threads = Math.max(threads, executor.slots());
        }
        boolean curves = space.recordsCurves();
        TemperatureTrial trials = trial;
        String where = "";
        if (generator instanceof SuccessiveHalvingGenerator h) {
            // every trial of the plan may wait at a rung at once; the schedule lets `parallelism` of them compute
            pruner = h.schedule();
            threads = Math.max(threads, h.schedule().plannedTrials());
            curves = true;
            stop.onStop(h.schedule()::abort);
            int planned = h.schedule().plannedTrials();
            if (executor != TrialExecutor.LOCAL && executor.slots() < planned && trainer != null) {
                // a trial waiting at a rung keeps its cluster slot: with fewer slots than trials the rung would wait
                // forever for trials that cannot start, so this plan trains here
                trials = TemperatureTrial.of(trainer, data);
                where = "; trained in the driver JVM: its " + planned + " trials wait for each other at rungs and the "
                        + "cluster has " + executor.slots() + " slots";
            }
        }
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .scoreFunction(new ValidationScoreFunction(space.score()))
                .terminationConditions(new GeneratorExhaustedCondition(), stop)
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(threads, config,
                new TrialTaskCreator(strategy, trials, space.score(), recordAndForward, origin, recorded, stop,
                        pruner, curves));
        if (generator instanceof AnalyticalSeedGenerator a) {
            runner.addListeners(a.failureListener());
        }
        runner.addListeners(statusListeners.toArray(StatusListener[]::new));
        runner.execute();
        stop.rethrow();
        double wall = (System.nanoTime() - origin) / 1e9;
        List<TrialRecord> copy;
        synchronized (records) {
            copy = new ArrayList<>(records);
        }
        return new SearchOutcome(strategy, describe(generator, space) + where, space.score(), copy, wall);
    }
}
