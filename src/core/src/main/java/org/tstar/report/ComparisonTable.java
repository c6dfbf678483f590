package org.tstar.report;

import java.util.ArrayList;
import java.util.List;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;

/**
 * {@code comparison.csv}: the analytical search against the grid, one row per measure with both values and
 * how they compare ({@code comparison_kind} says what the {@code comparison} column is: a saved ratio
 * 1 − analytical/grid, an accuracy gap grid − analytical, or a temperature ratio).
 */
public final class ComparisonTable {
    public static final List<String> COLUMNS = List.of("measure", "grid", "analytical", "comparison", "comparison_kind");

    /** One row of the table. */
    public record Row(String measure, double grid, double analytical, double comparison, String kind) {
    }

    private ComparisonTable() {
    }

    public static List<Row> rows(Comparison c) {
        List<Row> rows = new ArrayList<>();
        for (Comparison.Saving s : c.savings()) {
            rows.add(new Row(s.measure(), s.grid(), s.analytical(), s.saved(), "saved_ratio"));
        }
        rows.add(new Row("wall_seconds", c.grid().wallSeconds(), c.analytical().wallSeconds(),
                1 - c.analytical().wallSeconds() / c.grid().wallSeconds(), "saved_ratio"));
        double gridT = Comparison.chosenTemperature(c.grid());
        double analyticalT = Comparison.chosenTemperature(c.analytical());
        rows.add(new Row("chosen_temperature", gridT, analyticalT, analyticalT / gridT, "ratio_analytical_to_grid"));
        rows.add(new Row("estimated_temperature", Double.NaN, c.estimate().temperature(),
                c.estimate().temperature() / gridT, "ratio_estimate_to_grid"));
        double gridVal = validation(c.grid());
        double analyticalVal = validation(c.analytical());
        rows.add(new Row("chosen_" + scoreName(c), gridVal, analyticalVal, gridVal - analyticalVal, "gap_grid_minus_analytical"));
        rows.add(new Row("test_accuracy", Comparison.testAccuracy(c.grid()), Comparison.testAccuracy(c.analytical()),
                c.accuracyGap(), "gap_grid_minus_analytical"));
        rows.add(new Row("failed_trials", c.grid().failedCount(), c.analytical().failedCount(), Double.NaN, ""));
        return rows;
    }

    public static String csv(Comparison c) {
        return CsvText.of(COLUMNS, rows(c).stream().map(r -> List.of(r.measure(), TrialLog.cell(r.grid()),
                TrialLog.cell(r.analytical()), TrialLog.cell(r.comparison()), r.kind())).toList());
    }

    private static String scoreName(Comparison c) {
        return c.grid().score().minimize() ? "val_loss" : "val_accuracy";
    }

    private static double validation(SearchOutcome o) {
        return o.chosenResult().map(r -> o.score().of(r)).orElse(Double.NaN);
    }
}
