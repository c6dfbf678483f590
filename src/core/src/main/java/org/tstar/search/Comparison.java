package org.tstar.search;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.model.TrialResult;
import org.tstar.search.config.PruningSettings;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialListener;

/**
 * The analytical search (or seeded successive halving) against Arbiter's full grid on one task (same data, recipe
 * and seeds): what it saved per compute measure, 1 − analytical/grid, and the test accuracy each reached at the
 * temperature it chose. {@code analytical} is the seeded search, whichever strategy it ran.
 */
public record Comparison(String space, AnalyticalTemperature.Estimate estimate, SearchOutcome analytical,
                         SearchOutcome grid) {

    /** One compute measure of both searches. */
    public record Saving(String measure, double grid, double analytical) {
        public double saved() {
            return grid > 0 ? 1 - analytical / grid : Double.NaN;
        }
    }

    /**
     * Runs the analytical search, then the grid. The analytical one goes first so that it, not the grid, pays
     * for the JVM's warm-up in the seconds measure. The space's pruning applies to the analytical search only: the
     * grid is the reference a user pays for today, every trial trained to the full recipe.
     */
    public static Comparison run(SearchTask task, TrialListener listener) {
        return run(task, listener, s -> List.of());
    }

    /** As {@link #run(SearchTask, TrialListener)}, with each strategy's Arbiter status listeners on its runner. */
    public static Comparison run(SearchTask task, TrialListener listener,
                                 Function<Strategy, List<StatusListener>> statusListeners) {
        return run(task, Strategy.ANALYTICAL, listener, statusListeners);
    }

    /** As above, with {@code seeded} (analytical or analytical-sh) as the search set against the grid. */
    public static Comparison run(SearchTask task, Strategy seeded, TrialListener listener,
                                 Function<Strategy, List<StatusListener>> statusListeners) {
        if (seeded == Strategy.GRID) {
            throw new IllegalArgumentException("the grid is the reference, not the compared search");
        }
        SearchOutcome analytical = task.run(seeded, listener, statusListeners.apply(seeded));
        SearchOutcome grid = task.withPruning(PruningSettings.NONE)
                .run(Strategy.GRID, listener, statusListeners.apply(Strategy.GRID));
        return new Comparison(task.space().name(), task.estimate(), analytical, grid);
    }

    public List<Saving> savings() {
        return List.of(
                new Saving("trials", grid.trialCount(), analytical.trialCount()),
                new Saving("epochs", grid.epochs(), analytical.epochs()),
                new Saving("sample_passes", grid.samplePasses(), analytical.samplePasses()),
                new Saving("seconds", grid.trainingSeconds(), analytical.trainingSeconds()),
                new Saving("flops", grid.flops(), analytical.flops()));
    }

    /** The named compute measure ("trials", "epochs", "sample_passes", "seconds", "flops"). */
    public Saving saving(String measure) {
        return savings().stream().filter(s -> s.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no compute measure " + measure));
    }

    /** Test accuracy of the grid's choice minus the analytical search's (positive: the grid did better). */
    public double accuracyGap() {
        return testAccuracy(grid) - testAccuracy(analytical);
    }

    /** Held-out test accuracy at the strategy's chosen temperature (NaN when all its trials failed). */
    public static double testAccuracy(SearchOutcome outcome) {
        return outcome.chosenResult().map(TrialResult::testAccuracy).orElse(Double.NaN);
    }

    public static double chosenTemperature(SearchOutcome outcome) {
        return outcome.chosenResult().map(TrialResult::temperature).orElse(Double.NaN);
    }
}
