package org.tstar.report;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.tstar.InvalidInputException;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialRecord;

/**
 * One benchmark run's accuracy-vs-temperature curve as its full grid measured it: what a temperature chosen
 * after the fact (a refitted T̂*) would have scored, read off the nearest grid point in log T, with no training.
 * On a 51-point grid over [0.02, 200] neighbouring points are ×1.2 apart, so the nearest one is within ×1.1.
 */
public record GridCurve(List<TrialRecord> points) {

    public GridCurve {
        points = List.copyOf(points);
    }

    /** The completed grid trials of a run's {@code trials.csv}. */
    public static GridCurve read(Path trialsCsv) {
        List<TrialRecord> grid = TrialLog.read(trialsCsv).records().stream()
                .filter(r -> r.strategy() == Strategy.GRID && r.result().completed()).toList();
        if (grid.isEmpty()) {
            throw new InvalidInputException(trialsCsv + ": no completed grid trial to read a curve from");
        }
        return new GridCurve(grid);
    }

    /** Held-out test accuracy of the grid point nearest to {@code temperature} in log T. */
    public double testAccuracyNearest(double temperature) {
        return points.stream()
                .min(Comparator.comparingDouble(r -> Math.abs(Math.log(r.result().temperature() / temperature))))
                .map(r -> r.result().testAccuracy()).orElseThrow();
    }
}
