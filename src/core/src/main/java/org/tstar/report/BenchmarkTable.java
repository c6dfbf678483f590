package org.tstar.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tstar.InputFile;
import org.tstar.InvalidInputException;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.FeatureStatistics;
import org.tstar.model.TrialResult;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.trial.TrialRecord;

/**
 * A benchmark's {@code tasks.csv} (one row per task and seed: the estimate's inputs and values, each strategy's
 * choice, cost and held-out accuracy, what the analytical search saved) and, beside it, {@code statistics.csv} (each
 * task's feature statistics): written, and read back by {@code tstar fit} and a resumed suite. The tables made from
 * the rows are {@link SuiteTables}'.
 */
public final class BenchmarkTable {
    public static final String FILE = "tasks.csv";
    /** Beside tasks.csv: each task's training-split feature statistics, what the statistics heuristic is fitted on. */
    public static final String STATISTICS_FILE = "statistics.csv";
    private static final List<String> STATISTICS_KEY = List.of("task", "dataset", "seed", "head", "grid_t");
    public static final List<String> COLUMNS = List.of("task", "dataset", "seed", "head", "M", "C", "csg",
            "t_hat_paper", "t_hat_fitted", "grid_t", "analytical_t", "random_t", "grid_trials", "grid_epochs",
            "grid_seconds", "analytical_trials", "analytical_epochs", "analytical_seconds", "random_trials",
            "saved_trials", "saved_epochs", "saved_sample_passes", "saved_seconds", "saved_flops",
            "grid_test_accuracy", "analytical_test_accuracy", "random_test_accuracy", "t_hat_test_accuracy",
            "t1_test_accuracy", "gap_pp", "random_gap_pp", "t_hat_gap_pp",
            "analytical_sh_t", "analytical_sh_trials", "analytical_sh_epochs", "analytical_sh_test_accuracy", "analytical_sh_gap_pp",
            "analytical_sh_nearest_t", "analytical_sh_nearest_epochs",
            "sh_t", "sh_trials", "sh_epochs", "sh_test_accuracy", "sh_gap_pp",
            "hyperband_t", "hyperband_trials", "hyperband_epochs", "hyperband_test_accuracy", "hyperband_gap_pp",
            "random_eq_t", "random_eq_trials", "random_eq_epochs", "random_eq_test_accuracy", "random_eq_gap_pp", "date");
    /**
     * The column prefixes of the searches compared at equal compute: seeded successive halving, successive halving
     * and Hyperband from a log-uniform start, and Arbiter's random search cut to the seeded one's epochs.
     */
    public static final List<String> EQUAL_COMPUTE = List.of("analytical_sh", "sh", "hyperband", "random_eq");

    private BenchmarkTable() {
    }

    /** One task at one seed, as the columns name it; numbers that do not exist are NaN (empty cells). */
    public record Row(Map<String, String> cells) {
        public String text(String column) {
            return cells.get(column);
        }

        public double number(String column) {
            String cell = cells.get(column);
            return cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
    }

    /**
     * Everything a row needs from one task's runs; {@code equalCompute} holds the outcomes of
     * {@link #EQUAL_COMPUTE}, in that order, null where the task's recipe affords no such search (empty cells).
     */
    public static Row row(String task, String dataset, long seed, String head, Comparison c, SearchOutcome random,
                          TrialResult atOne, double fittedEstimate, List<SearchOutcome> equalCompute, String date) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("task", task);
        r.put("dataset", dataset);
        r.put("seed", Long.toString(seed));
        r.put("head", head);
        r.put("M", Integer.toString(c.estimate().featureWidth()));
        r.put("C", Integer.toString(c.estimate().classes()));
        r.put("csg", TrialLog.cell(c.estimate().csg()));
        r.put("t_hat_paper", TrialLog.cell(c.estimate().temperature()));
        r.put("t_hat_fitted", TrialLog.cell(fittedEstimate));
        r.put("grid_t", TrialLog.cell(Comparison.chosenTemperature(c.grid())));
        r.put("analytical_t", TrialLog.cell(Comparison.chosenTemperature(c.analytical())));
        r.put("random_t", TrialLog.cell(Comparison.chosenTemperature(random)));
        for (SearchOutcome o : List.of(c.grid(), c.analytical())) {
            String s = o.strategy().label();
            r.put(s + "_trials", Integer.toString(o.trialCount()));
            r.put(s + "_epochs", Long.toString(o.epochs()));
            r.put(s + "_seconds", TrialLog.cell(o.trainingSeconds()));
        }
        r.put("random_trials", Integer.toString(random.trialCount()));
        for (String measure : List.of("trials", "epochs", "sample_passes", "seconds", "flops")) {
            r.put("saved_" + measure, TrialLog.cell(c.saving(measure).saved()));
        }
        double grid = Comparison.testAccuracy(c.grid());
        double analytical = Comparison.testAccuracy(c.analytical());
        double randomAccuracy = Comparison.testAccuracy(random);
        double atEstimate = c.analytical().trials().stream().filter(t -> t.trial() == 1).findFirst()
                .map(t -> t.result().testAccuracy()).orElse(Double.NaN);
        r.put("grid_test_accuracy", TrialLog.cell(grid));
        r.put("analytical_test_accuracy", TrialLog.cell(analytical));
        r.put("random_test_accuracy", TrialLog.cell(randomAccuracy));
        r.put("t_hat_test_accuracy", TrialLog.cell(atEstimate));
        r.put("t1_test_accuracy", TrialLog.cell(atOne.testAccuracy()));
        r.put("gap_pp", TrialLog.cell(100 * (grid - analytical)));
        r.put("random_gap_pp", TrialLog.cell(100 * (grid - randomAccuracy)));
        r.put("t_hat_gap_pp", TrialLog.cell(100 * (grid - atEstimate)));
        for (int i = 0; i < EQUAL_COMPUTE.size(); i++) {
            SearchOutcome o = equalCompute.get(i);
            String p = EQUAL_COMPUTE.get(i);
            if (o == null) {
                List.of("_t", "_trials", "_epochs", "_test_accuracy", "_gap_pp").forEach(suffix -> r.put(p + suffix, ""));
                continue;
            }
            r.put(p + "_t", TrialLog.cell(Comparison.chosenTemperature(o)));
            r.put(p + "_trials", Integer.toString(o.trialCount()));
            r.put(p + "_epochs", Long.toString(o.epochs()));
            r.put(p + "_test_accuracy", TrialLog.cell(Comparison.testAccuracy(o)));
            r.put(p + "_gap_pp", TrialLog.cell(100 * (grid - Comparison.testAccuracy(o))));
        }
        // where the seeded halving looked nearest the grid's optimum, and how long that trial trained: why it missed
        double gridT = Comparison.chosenTemperature(c.grid());
        SearchOutcome seeded = equalCompute.get(0);
        var nearest = seeded == null || !Double.isFinite(gridT) ? java.util.Optional.<org.tstar.search.trial.TrialRecord>empty()
                : seeded.trials().stream().min(java.util.Comparator.comparingDouble(
                        t -> Math.abs(Math.log(t.result().temperature() / gridT))));
        r.put("analytical_sh_nearest_t", nearest.map(t -> TrialLog.cell(t.result().temperature())).orElse(""));
        r.put("analytical_sh_nearest_epochs", nearest.map(t -> Integer.toString(t.result().epochs())).orElse(""));
        r.put("date", date);
        return new Row(r);
    }

    /**
     * A grid-only suite's row ({@code searches: grid}): the task, its estimates and the grid's pick, cost and
     * held-out accuracy; the cells of searches that did not run stay empty.
     */
    public static Row gridRow(String task, String dataset, long seed, String head,
                              AnalyticalTemperature.Estimate e, SearchOutcome grid,
                              double fittedEstimate, String date) {
        Map<String, String> r = new LinkedHashMap<>();
        COLUMNS.forEach(c -> r.put(c, ""));
        r.put("task", task);
        r.put("dataset", dataset);
        r.put("seed", Long.toString(seed));
        r.put("head", head);
        r.put("M", Integer.toString(e.featureWidth()));
        r.put("C", Integer.toString(e.classes()));
        r.put("csg", TrialLog.cell(e.csg()));
        r.put("t_hat_paper", TrialLog.cell(e.temperature()));
        r.put("t_hat_fitted", TrialLog.cell(fittedEstimate));
        r.put("grid_t", TrialLog.cell(Comparison.chosenTemperature(grid)));
        r.put("grid_trials", Integer.toString(grid.trialCount()));
        r.put("grid_epochs", Long.toString(grid.epochs()));
        r.put("grid_seconds", TrialLog.cell(grid.trainingSeconds()));
        r.put("grid_test_accuracy", TrialLog.cell(Comparison.testAccuracy(grid)));
        r.put("date", date);
        return new Row(r);
    }

    /** Whether a row is a grid-only suite's (no analytical search ran). */
    public static boolean gridOnly(Row row) {
        return row.text("analytical_trials") == null || row.text("analytical_trials").isEmpty();
    }

    public static String csv(List<Row> rows) {
        return CsvText.of(COLUMNS, rows.stream().map(row -> COLUMNS.stream().map(row::text).toList()).toList());
    }

    /** One run's grid optimum beside the feature statistics of its training split. */
    public record TaskStatistics(String task, String dataset, String head, double gridTemperature,
                                 FeatureStatistics statistics) {
    }

    /** {@code statistics.csv}: the key columns of each row, then every statistic in name order. */
    public static String statisticsCsv(List<Row> rows, List<FeatureStatistics> statistics) {
        List<String> names = statistics.isEmpty() ? List.of() : new TreeSet<>(statistics.get(0).values().keySet()).stream().toList();
        List<String> header = new ArrayList<>(STATISTICS_KEY);
        header.addAll(names);
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>(STATISTICS_KEY.stream().map(rows.get(i)::text).toList());
            FeatureStatistics s = statistics.get(i);
            names.forEach(n -> cells.add(TrialLog.cell(s.get(n))));
            lines.add(cells);
        }
        return CsvText.of(header, lines);
    }

    /** Reads {@code statistics.csv}; a file that is not one is refused naming the line. */
    public static List<TaskStatistics> readStatistics(Path file) {
        String text = InputFile.readString(file, InputFile.TABLE_LIMIT, file + ": no such file (tstar bench --suite writes it beside tasks.csv)");
        List<TaskStatistics> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<String> header = parser.getHeaderNames();
            if (header.size() <= STATISTICS_KEY.size() || !header.subList(0, STATISTICS_KEY.size()).equals(STATISTICS_KEY)) {
                throw new InvalidInputException(file + " line 1: header does not start with " + STATISTICS_KEY
                        + " followed by statistics");
            }
            for (CSVRecord record : parser) {
                Map<String, Double> values = new LinkedHashMap<>();
                double gridT;
                try {
                    gridT = Double.parseDouble(record.get("grid_t"));
                    for (String name : header.subList(STATISTICS_KEY.size(), header.size())) {
                        values.put(name, Double.parseDouble(record.get(name)));
                    }
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(file + " line " + parser.getCurrentLineNumber() + ": " + e.getMessage());
                }
                out.add(new TaskStatistics(record.get("task"), record.get("dataset"), record.get("head"), gridT,
                        new FeatureStatistics(values)));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(file + ": not CSV (" + e.getMessage() + ")");
        }
        return out;
    }

    /** Reads a benchmark's {@code tasks.csv}; a file that is not one is refused naming the line. */
    public static List<Row> read(Path file) {
        String text = InputFile.readString(file, InputFile.TABLE_LIMIT, file + ": no such file (a benchmark folder holds tasks.csv)");
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<String> header = parser.getHeaderNames();
            // a benchmark made before some equal-compute columns existed reads with those cells empty
            List<String> older = COLUMNS.stream().filter(c -> EQUAL_COMPUTE.stream().noneMatch(p -> c.startsWith(p + "_"))).toList();
            List<String> inOrder = COLUMNS.stream().filter(header::contains).toList();
            if (!inOrder.equals(header) || !header.containsAll(older)) {
                throw new InvalidInputException(file + " line 1: header is not tstar's tasks.csv header " + COLUMNS);
            }
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new InvalidInputException(file + " line " + parser.getCurrentLineNumber() + ": " + record.size()
                            + " cells, expected " + header.size());
                }
                Map<String, String> cells = new LinkedHashMap<>();
                COLUMNS.forEach(c -> cells.put(c, record.isMapped(c) ? record.get(c) : ""));
                Row row = new Row(cells);
                for (String numeric : List.of("M", "C", "csg", "grid_t")) {
                    try {
                        Double.parseDouble(row.text(numeric));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(file + " line " + parser.getCurrentLineNumber() + ": " + numeric
                                + " '" + row.text(numeric) + "' is not a number");
                    }
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(file + ": not CSV (" + e.getMessage() + ")");
        }
        return rows;
    }
}
