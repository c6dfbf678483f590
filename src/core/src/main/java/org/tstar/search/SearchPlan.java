package org.tstar.search;

import java.util.List;
import java.util.Locale;
import org.tstar.InvalidInputException;
import org.tstar.search.arbiter.AnalyticalSeedGenerator;
import org.tstar.search.arbiter.ArbiterSearch;
import org.tstar.search.arbiter.BudgetedRandomSearch;
import org.tstar.search.arbiter.LogGridSearch;
import org.tstar.search.arbiter.SuccessiveHalvingGenerator;
import org.tstar.search.arbiter.TemperatureGenerator;
import org.tstar.search.config.PruningSettings;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SuccessiveHalvingSettings;
import org.tstar.search.fidelity.FidelitySchedule;
import org.tstar.search.fidelity.HalvingBracket;
import org.tstar.search.fidelity.Hyperband;
import org.tstar.search.fidelity.PercentilePruner;
import org.tstar.search.fidelity.Pruner;
import org.tstar.search.fidelity.RungRanking;
import org.tstar.search.fidelity.SuccessiveHalvingPruner;
import org.tstar.search.sampler.BracketStart;
import org.tstar.search.sampler.LogUniformBracketStart;
import org.tstar.search.sampler.SeededBracketStart;
import org.tstar.search.space.TemperatureSpace;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialExecutor;

/**
 * What one strategy's search on a prepared task runs, read from the strategy table and the space: its generator,
 * its pruner, how many trials it keeps in flight, whether they report curves, and where they train. It plans; the
 * run is {@link ArbiterSearch}'s.
 *
 * @param description the generator's own line, and where its trials train when that is not where the task said
 */
public record SearchPlan(ArbiterSearch search, String description) {

    static SearchPlan of(SearchTask task, Strategy strategy) {
        SearchSpaceDefinition space = task.space();
        TrialExecutor executor = task.executor();
        TemperatureTrial trial = task.trial();
        TemperatureGenerator generator;
        Pruner pruner;
        int threads = space.parallelism();
        boolean curves = space.recordsCurves();
        String where = "";
        if (strategy.multiFidelity()) {
            SuccessiveHalvingPruner schedule = halving(space, strategy, task.estimate().temperature());
            generator = new SuccessiveHalvingGenerator(task.temperatureSpace(), schedule, halvingSettings(space));
            pruner = schedule;
            int planned = schedule.plannedTrials();
            // every trial of the plan may wait at a rung at once; the schedule lets `parallelism` of them compute
            threads = Math.max(threads, planned);
            curves = true;
            if (executor != TrialExecutor.LOCAL && executor.slots() < planned && task.trainer() != null) {
                // a trial waiting at a rung keeps its cluster slot: with fewer slots than trials the rung would wait
                // forever for trials that cannot start, so this plan trains here
                trial = TemperatureTrial.of(task.trainer(), task.data());
                where = "; trained in the driver JVM: its " + planned + " trials wait for each other at rungs and the "
                        + "cluster has " + executor.slots() + " slots";
            }
        } else {
            generator = fullTrials(task, strategy);
            pruner = pruner(space.pruning());
            if (!strategy.adapts() && !space.pruning().prunes()) {
                // proposals that do not depend on results: a cluster's free slots take more at once, same trials (a
                // pruner's decisions depend on which trials ended first, so with one the space's parallelism holds)
                threads = Math.max(threads, executor.slots());
            }
        }
        return new SearchPlan(new ArbiterSearch(strategy, generator, trial, space.score(), pruner, threads, curves,
                task.recorded()), generator.describe() + where);
    }

    /** The generator of a strategy whose trials all train the full recipe, from where its temperatures come from. */
    private static TemperatureGenerator fullTrials(SearchTask task, Strategy strategy) {
        SearchSpaceDefinition space = task.space();
        TemperatureSpace t = task.temperatureSpace();
        return switch (strategy.proposals()) {
            case ANALYTICAL_SEED -> AnalyticalSeedGenerator.builder(t, task.estimate().temperature())
                    .rangeFactor(task.rangeFactor())
                    .tolerance(space.analytical().tolerance())
                    .maxTrials(space.analytical().maxTrials())
                    .parallelism(space.parallelism())
                    .minimize(space.score().minimize())
                    .build();
            case LOG_GRID -> new LogGridSearch(t, space.temperature().gridPoints());
            case LOG_UNIFORM -> BudgetedRandomSearch.seeded(t, space.random().trials(), space.random().seed());
        };
    }

    /**
     * The trials a strategy plans on {@code space}: the grid's points, the random budget, the analytical search's
     * maximum, or a successive-halving plan's temperatures (the seed only places them, so any seed inside the range
     * counts them).
     */
    public static int plannedTrials(SearchSpaceDefinition space, Strategy strategy) {
        if (strategy.multiFidelity()) {
            return halving(space, strategy, space.temperature().min()).plannedTrials();
        }
        return switch (strategy.proposals()) {
            case LOG_GRID -> space.temperature().gridPoints();
            case LOG_UNIFORM -> space.random().trials();
            case ANALYTICAL_SEED -> space.analytical().maxTrials();
        };
    }

    /** The pruning rule a space asks for, fresh for one strategy's search. */
    static Pruner pruner(PruningSettings p) {
        return p.prunes() ? new PercentilePruner(p.percentile(), p.warmupEpochs(), p.startupTrials()) : Pruner.NONE;
    }

    /**
     * The successive-halving schedule of a multi-fidelity strategy, planned from the space's {@code successiveHalving}
     * settings and the recipe's epochs, its seeded bracket at {@code seedTemperature}. A budget that affords no
     * bracket is refused with the setting's name.
     */
    public static SuccessiveHalvingPruner halving(SearchSpaceDefinition space, Strategy strategy, double seedTemperature) {
        SuccessiveHalvingSettings h = space.successiveHalving();
        int epochs = space.recipe().epochs();
        List<Integer> rungs = FidelitySchedule.ladder(epochs, h.eta(), h.minEpochs());
        double budget = h.budget() * epochs;
        double min = space.temperature().min();
        double max = space.temperature().max();
        try {
            List<HalvingBracket> brackets = switch (strategy.training()) {
                case ONE_BRACKET -> List.of(HalvingBracket.largestWithin(rungs, h.eta(), budget,
                        start(strategy, seedTemperature, space)));
                case HYPERBAND_BRACKETS -> Hyperband.brackets(rungs, h.eta(), budget, min, max, space.random().seed());
                case FULL_RECIPE -> throw new IllegalStateException(strategy.label() + " is not a multi-fidelity strategy");
            };
            return new SuccessiveHalvingPruner(brackets, RungRanking.named(h.ranking()), space.parallelism());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(space.name() + ": successiveHalving.budget " + h.budget() + " (× "
                    + epochs + " epochs): " + e.getMessage());
        }
    }

    private static BracketStart start(Strategy strategy, double seedTemperature, SearchSpaceDefinition space) {
        double min = space.temperature().min();
        double max = space.temperature().max();
        return switch (strategy.proposals()) {
            case ANALYTICAL_SEED -> new SeededBracketStart(seedTemperature, space.successiveHalving().span(), min, max);
            case LOG_UNIFORM -> new LogUniformBracketStart(min, max, space.random().seed());
            case LOG_GRID -> throw new IllegalStateException("no successive-halving bracket starts from the grid");
        };
    }

    private static String halvingSettings(SearchSpaceDefinition space) {
        SuccessiveHalvingSettings s = space.successiveHalving();
        return String.format(Locale.ROOT, "η %s, budget %s full trials = %s epochs", plain(s.eta()), plain(s.budget()),
                plain(s.budget() * space.recipe().epochs()));
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
