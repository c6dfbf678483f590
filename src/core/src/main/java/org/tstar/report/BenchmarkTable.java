package org.tstar.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.tstar.search.fidelity.Hyperband;
import org.tstar.search.trial.TrialRecord;

/**
 * A benchmark's {@code tasks.csv} (one row per task and seed: the estimate's inputs and values, each strategy's
 * choice, cost and held-out accuracy, what the analytical search saved) and its {@code summary.md}: medians,
 * worst cases, the targets met or missed, and the command that made it. Read back by {@code tstar fit}.
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

    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] column(List<Row> rows, String column) {
        return rows.stream().mapToDouble(r -> r.number(column)).toArray();
    }

    /** Mean and sample standard deviation of a task's column over its seeds. */
    private static String meanSpread(List<Row> rows, String column, double scale, String format) {
        double[] v = Arrays.stream(column(rows, column)).filter(Double::isFinite).map(x -> x * scale).toArray();
        if (v.length == 0) {
            return "—";
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length == 1) {
            return String.format(Locale.ROOT, format, mean);
        }
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        return String.format(Locale.ROOT, format + " ± " + format, mean, sd);
    }

    /** The results table docs/benchmarks.md shows: one line per task (means over seeds, ± their spread). */
    public static String resultsTable(List<Row> rows) {
        StringBuilder md = new StringBuilder("| task | M | C | T̂* (paper) | grid T* | analytical T* | trials grid / analytical "
                + "| epochs saved | test acc. grid | gap analytical (pp) | gap random, same trials (pp) | gap T̂* alone (pp) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.text("task"), t -> new ArrayList<>()).add(r));
        byTask.forEach((task, own) -> {
            Row first = own.get(0);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |%n", task,
                    first.text("M"), first.text("C"), meanSpread(own, "t_hat_paper", 1, "%.3g"),
                    meanSpread(own, "grid_t", 1, "%.3g"), meanSpread(own, "analytical_t", 1, "%.3g"),
                    meanSpread(own, "grid_trials", 1, "%.0f"), meanSpread(own, "analytical_trials", 1, "%.1f"),
                    meanSpread(own, "saved_epochs", 100, "%.0f %%"), meanSpread(own, "grid_test_accuracy", 1, "%.4f"),
                    meanSpread(own, "gap_pp", 1, "%+.2f"), meanSpread(own, "random_gap_pp", 1, "%+.2f"),
                    meanSpread(own, "t_hat_gap_pp", 1, "%+.2f")));
        });
        return md.append("\nAt equal compute (the seeded successive halving's budget):\n\n").append(equalComputeTable(rows))
                .toString();
    }

    /**
     * The equal-compute table: per task, each multi-fidelity search's (and random search cut to the same epochs)
     * epochs as a share of the grid's, and its test-accuracy gap to the grid's pick.
     */
    public static String equalComputeTable(List<Row> rows) {
        StringBuilder md = new StringBuilder("| task | grid T* | T̂* | analytical-sh T* | epochs, % of grid: analytical-sh "
                + "/ random / sh / hyperband | gap analytical-sh (pp) | gap random, equal epochs (pp) | gap sh (pp) "
                + "| gap hyperband (pp) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.text("task"), t -> new ArrayList<>()).add(r));
        byTask.forEach((task, own) -> {
            List<String> shares = new ArrayList<>();
            // in the order of the header and of the gap columns: the seeded search first, then its baselines
            for (String p : List.of("analytical_sh", "random_eq", "sh", "hyperband")) {
                double[] v = own.stream().mapToDouble(r -> 100 * r.number(p + "_epochs") / r.number("grid_epochs")).toArray();
                shares.add(String.format(Locale.ROOT, "%.1f", Arrays.stream(v).average().orElse(Double.NaN)));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", task,
                    meanSpread(own, "grid_t", 1, "%.3g"), meanSpread(own, "t_hat_paper", 1, "%.3g"),
                    meanSpread(own, "analytical_sh_t", 1, "%.3g"), String.join(" / ", shares),
                    meanSpread(own, "analytical_sh_gap_pp", 1, "%+.2f"), meanSpread(own, "random_eq_gap_pp", 1, "%+.2f"),
                    meanSpread(own, "sh_gap_pp", 1, "%+.2f"), meanSpread(own, "hyperband_gap_pp", 1, "%+.2f")));
        });
        return md.toString();
    }

    /**
     * For each missed target, which runs missed it and how their temperatures sat, and what would change it:
     * generated from the rows, so the summary explains its own misses.
     */
    public static String misses(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        double[] spent = Arrays.stream(column(rows, "saved_epochs")).map(x -> 1 - x).toArray();
        if (median(spent) > 0.10) {
            int[] trials = rows.stream().mapToInt(r -> (int) r.number("analytical_trials")).sorted().toArray();
            double gridTrials = median(column(rows, "grid_trials"));
            md.append(String.format(Locale.ROOT, "- Epochs: the analytical search ran %d–%d trials (median %.0f) against a "
                            + "median grid of %.0f; 10 %% of it is %.1f trials. Its bracket needs about five trials to "
                            + "confirm a maximum; a lower `analytical.maxTrials` or a wider `tolerance` spends less and "
                            + "confirms less.%n", trials[0], trials[trials.length - 1], median(Arrays.stream(trials)
                            .asDoubleStream().toArray()), gridTrials, 0.1 * gridTrials));
        }
        List<Row> worse = rows.stream().filter(r -> r.number("gap_pp") > 0.5)
                .sorted((a, b) -> Double.compare(b.number("gap_pp"), a.number("gap_pp"))).toList();
        for (Row r : worse) {
            md.append(String.format(Locale.ROOT, "- Gap %+.2f pp on %s (seed %s, head %s): T̂* = %.3g is %s the grid's "
                            + "T* = %.3g; the analytical search chose %.3g (%s the grid's) after %s trials.%s%n",
                    r.number("gap_pp"), r.text("task"), r.text("seed"), r.text("head"), r.number("t_hat_paper"),
                    times(ratio(r)), r.number("grid_t"), r.number("analytical_t"),
                    times(r.number("analytical_t") / r.number("grid_t")), r.text("analytical_trials"),
                    r.text("head").startsWith("cosine")
                            ? " The estimate models BN + linear logits; a cosine head's optimum needs its own coefficients."
                            : ""));
        }
        double[] shSpent = shares(rows, "analytical_sh");
        if (median(shSpent) > 0.05) {
            List<String> over = new ArrayList<>();
            for (Row r : rows) {
                double share = r.number("analytical_sh_epochs") / r.number("grid_epochs");
                if (share > 0.05) {
                    over.add(String.format(Locale.ROOT, "%s %.1f %% (%s of %s epochs, grid of %s)", r.text("task"), 100 * share,
                            r.text("analytical_sh_epochs"), r.text("grid_epochs"), r.text("grid_trials")));
                }
            }
            md.append("- Epochs (seeded successive halving): over 5 % of the grid's on ").append(String.join("; ", over))
                    .append(". Its plan is set by `successiveHalving.budget` in full trials (2.5 by default, 4.9 % of "
                            + "a 51-point grid); against a smaller grid the same budget is a larger share.\n");
        }
        for (Row r : rows.stream().filter(r -> r.number("analytical_sh_gap_pp") > 0.5)
                .sorted((a, b) -> Double.compare(b.number("analytical_sh_gap_pp"), a.number("analytical_sh_gap_pp"))).toList()) {
            md.append(String.format(Locale.ROOT, "- Seeded successive halving %+.2f pp on %s (seed %s, head %s): T̂* = %.3g "
                            + "is %s the grid's T* = %.3g; it chose %.3g (%s the grid's) after %s trials, %s epochs; %s "
                            + "Random search at equal epochs %+.2f pp, successive halving without the seed %+.2f pp.%n",
                    r.number("analytical_sh_gap_pp"), r.text("task"), r.text("seed"), r.text("head"),
                    r.number("t_hat_paper"), times(ratio(r)), r.number("grid_t"), r.number("analytical_sh_t"),
                    times(r.number("analytical_sh_t") / r.number("grid_t")), r.text("analytical_sh_trials"),
                    r.text("analytical_sh_epochs"), whyHalvingMissed(r), r.number("random_eq_gap_pp"), r.number("sh_gap_pp")));
        }
        List<Row> estimateMisses = rows.stream().filter(r -> !(r.number("t_hat_gap_pp") <= 0.2)).toList();
        if ((double) (rows.size() - estimateMisses.size()) / rows.size() < 0.7) {
            md.append("- T̂* alone missed the grid by more than 0.2 pp on ").append(estimateMisses.size()).append(" runs: ");
            List<String> parts = new ArrayList<>();
            for (Row r : estimateMisses) {
                parts.add(String.format(Locale.ROOT, "%s %+.2f pp (T̂* %s the grid's T*)", r.text("task"),
                        r.number("t_hat_gap_pp"), times(ratio(r))));
            }
            md.append(String.join("; ", parts)).append(". Refitting the coefficients on these reports (`tstar fit`) "
                    + "moves T̂* toward the grid's optima; fit.md says how far it gets on datasets it has not seen.\n");
        }
        return md.toString();
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 100 ? "×%.0f" : "×%.2g", ratio);
    }

    private static double ratio(Row r) {
        return r.number("t_hat_paper") / r.number("grid_t");
    }

    /**
     * Why seeded halving missed on a row: the grid's optimum was looked at and stopped early (the low-fidelity
     * ranking), or never looked at closely (the bracket), or trained in full and lost on validation (noise).
     */
    private static String whyHalvingMissed(Row r) {
        double nearest = r.number("analytical_sh_nearest_t");
        if (!Double.isFinite(nearest)) {
            return "";
        }
        double full = r.number("grid_epochs") / r.number("grid_trials");
        double off = nearest / r.number("grid_t");
        if (Math.abs(Math.log(off)) > Math.log(1.5)) {
            return String.format(Locale.ROOT, "none of its temperatures came within ×1.5 of the grid's T* (nearest %.3g, "
                    + "%s): the bracket's spacing or span missed the optimum.", nearest, times(off));
        }
        double stopped = r.number("analytical_sh_nearest_epochs");
        if (stopped < full) {
            return String.format(Locale.ROOT, "its trial nearest the grid's T* (%.3g, %s) was stopped after %.0f of %.0f "
                    + "epochs: early on it ranked below temperatures that %s, the low-fidelity bias the fidelity report "
                    + "measures.", nearest, times(off), stopped, full,
                    r.number("analytical_sh_t") < r.number("grid_t") ? "learn faster and end worse (lower T)"
                            : "ended worse (higher T)");
        }
        return String.format(Locale.ROOT, "its pick came within ×1.5 of the grid's T* (%.3g, %s) and trained in full: the "
                + "gap lies between neighbouring temperatures on the test split.", nearest, times(off));
    }

    private static double[] shares(List<Row> rows, String prefix) {
        return rows.stream().mapToDouble(r -> r.number(prefix + "_epochs") / r.number("grid_epochs")).toArray();
    }

    private static double worst(double[] gaps) {
        return Arrays.stream(gaps).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** The headline figures against the targets, each said met or missed with its number. */
    public static String targets(List<Row> rows) {
        double shEpochs = median(shares(rows, "analytical_sh"));
        double[] seeded = column(rows, "analytical_sh_gap_pp");
        double[] random = column(rows, "random_eq_gap_pp");
        double[] plain = column(rows, "sh_gap_pp");
        double[] hyperband = column(rows, "hyperband_gap_pp");
        String equalCompute = String.format(Locale.ROOT, """
                | seeded successive halving epochs ≤ 5 %% of the grid's (median) | %.1f %% | %s |
                | seeded successive halving: median gap ≤ 0.1 pp | %+.2f pp | %s |
                | seeded successive halving: worst gap ≤ 0.5 pp, cosine heads included | %+.2f pp | %s |
                | at equal epochs, median and worst gap below random search's (%+.2f / %+.2f pp) | %+.2f / %+.2f pp | %s |
                | at equal epochs, median and worst gap below successive halving without the seed (%+.2f / %+.2f pp) | %+.2f / %+.2f pp | %s |
                | Hyperband, log-uniform, same budget: median / worst gap | %+.2f / %+.2f pp | for comparison |
                """, 100 * shEpochs, shEpochs <= 0.05 ? "met" : "missed",
                median(seeded), median(seeded) <= 0.1 ? "met" : "missed", worst(seeded), worst(seeded) <= 0.5 ? "met" : "missed",
                median(random), worst(random), median(seeded), worst(seeded), below(seeded, random),
                median(plain), worst(plain), median(seeded), worst(seeded), below(seeded, plain),
                median(hyperband), worst(hyperband));
        return fullTrialTargets(rows) + equalCompute;
    }

    private static String below(double[] a, double[] b) {
        return median(a) < median(b) && worst(a) < worst(b) ? "met" : "missed";
    }

    private static String fullTrialTargets(List<Row> rows) {
        double[] epochsSpent = Arrays.stream(column(rows, "saved_epochs")).map(s -> 1 - s).toArray();
        double[] gaps = column(rows, "gap_pp");
        double worst = Arrays.stream(gaps).filter(Double::isFinite).max().orElse(Double.NaN);
        long withinEstimate = rows.stream().filter(r -> r.number("t_hat_gap_pp") <= 0.2).count();
        double medianEpochs = median(epochsSpent);
        double medianGap = median(gaps);
        double medianRandomGap = median(column(rows, "random_gap_pp"));
        double share = (double) withinEstimate / rows.size();
        return String.format(Locale.ROOT, """
                | target | measured | |
                |---|---:|---|
                | analytical epochs ≤ 10 %% of the grid's (median) | %.1f %% | %s |
                | median accuracy gap ≤ 0.1 pp | %+.2f pp | %s |
                | worst accuracy gap ≤ 0.5 pp | %+.2f pp | %s |
                | T̂* alone within 0.2 pp of the grid on ≥ 70 %% of runs | %.0f %% (%d of %d) | %s |
                | random search with the analytical trial count: median gap | %+.2f pp | for comparison |
                """, 100 * medianEpochs, medianEpochs <= 0.10 ? "met" : "missed",
                medianGap, medianGap <= 0.1 ? "met" : "missed", worst, worst <= 0.5 ? "met" : "missed",
                100 * share, withinEstimate, rows.size(), share >= 0.7 ? "met" : "missed", medianRandomGap);
    }
}
