package org.tstar.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.tstar.InvalidInputException;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.FeatureStatistics;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.TrialResult;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.RunSummary;
import org.tstar.report.SuiteTables;
import org.tstar.report.ComparisonTable;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunState;
import org.tstar.report.TemperatureCurveChart;
import org.tstar.report.TrialLog;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SparkSettings;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialExecutor;
import org.tstar.search.trial.TrialListener;

/**
 * {@code tstar bench --suite FILE}: for every task and seed of a suite, the analytical search, the full grid,
 * seeded successive halving, successive halving and Hyperband from log-uniform starts at the same budget, and
 * Arbiter's random search (with the analytical search's trial count, and cut to the seeded halving's epochs), on
 * the same data, recipe and seeds, plus one trial at T = 1; each in its own folder with its trial log, learning
 * curves, comparison and plot, and one {@code tasks.csv} row.
 */
public final class SuiteRun {
    private SuiteRun() {
    }

    /** Runs the suite in {@code suiteFile} into {@code out} (null: reports/benchmark/&lt;suite name&gt;/). */
    public static void run(Path suiteFile, Path out, PrintWriter console) {
        run(suiteFile, out, null, console, null, Map.of());
    }

    /**
     * As above, or, with {@code resume}, the interrupted suite in that folder finished: its finished tasks kept (each
     * checked to be what the suite defines now), the task in progress resumed without training its finished trials
     * again, the rest run; its trials on {@code sparkMaster} (null: the suite's {@code spark.master}, or this JVM) with
     * {@code sparkConf} over the suite's settings.
     */
    public static void run(Path suiteFile, Path out, Path resume, PrintWriter console, String sparkMaster,
                           Map<String, String> sparkConf) {
        run(suiteFile, out, resume, console, sparkMaster, sparkConf, record -> { });
    }

    /** As above, every trial also told to {@code watcher} (a benchmark of the runs themselves). */
    static void run(Path suiteFile, Path out, Path resume, PrintWriter console, String sparkMaster,
                    Map<String, String> sparkConf, TrialListener watcher) {
        BenchmarkSuite suite = BenchmarkSuite.load(suiteFile);
        RunSettings where = new RunSettings(out, null, null, "127.0.0.1", 0, sparkMaster, sparkConf);
        String command = "bench --suite " + suiteFile;
        // the executor starts (and a cluster is reached) before the folder is touched: a bad master leaves nothing behind
        SparkSettings spark = suite.spark().overriddenBy(sparkMaster, sparkConf);
        try (TrialExecutor executor = TrialExecutor.open(spark.master(), spark.conf());
             SuiteFolder opened = resume == null ? SuiteFolder.create(out != null ? out
                     : Path.of("reports", "benchmark", suite.name()), command, suite)
                     : SuiteFolder.resume(resume, command, suite)) {
            ReportFolder folder = opened.folder();
            if (!opened.lock().staleHolder().isEmpty()) {
                console.printf("took over the folder's lock from a run that is no longer running (%s)%n",
                        opened.lock().staleHolder());
            }
            if (executor != TrialExecutor.LOCAL) {
                console.printf("trials run on %s%n", executor.describe());
            }
            String options = where.sparkOptions();
            String resumeCommand = "bin/tstar bench --suite " + suiteFile + options + " --resume " + folder.path();
            try (RunEnding ending = RunEnding.resumable(folder, opened.state(), console, resumeCommand)) {
                try {
                    runTasks(suite, suiteFile, folder, console, "bin/tstar bench --suite " + suiteFile + options
                            + " --out " + folder.path(), ending, executor, watcher);
                } catch (org.tstar.report.ReportWriteException e) {
                    throw ending.writeFailed(e);
                }
            }
        }
    }

    private static void runTasks(BenchmarkSuite suite, Path suiteFile, ReportFolder folder, PrintWriter console,
                                 String command, RunEnding ending, TrialExecutor executor, TrialListener watcher) {
        TemperatureCoefficients fitted = TemperatureCoefficients.load("fitted");
        String date = LocalDate.now().toString();
        List<BenchmarkTable.Row> rows = new ArrayList<>();
        List<FeatureStatistics> statistics = new ArrayList<>();
        SuiteProgress progress = new SuiteProgress(suite.runCount());
        for (BenchmarkSuite.Task task : suite.tasks()) {
            FeatureStatistics taskStatistics = null;
            for (long seed : task.seeds()) {
                SuiteTaskFolder taskDir = SuiteTaskFolder.of(folder.path(), task, seed);
                if (taskDir.finished()) {
                    SuiteTaskFolder.Finished kept = taskDir.read();
                    rows.add(kept.row());
                    statistics.add(kept.statistics());
                    taskStatistics = kept.statistics();
                    progress.kept();
                    console.printf("%s %-22s seed %d: finished before the interruption, kept%n", progress.prefix(rows.size()),
                            task.name(), seed);
                    console.flush();
                    writeTables(folder, rows, statistics);
                    continue;
                }
                SearchSpaceDefinition space = task.space(seed);
                SearchTask prepared;
                try {
                    // suites keep every trial's learning curve: the data for judging low-fidelity rankings
                    prepared = SearchTask.prepare(space).on(executor).withLearningCurves();
                } catch (InvalidInputException e) {
                    // The rows already measured stay; the state says where the benchmark stopped, and --resume goes
                    // on from there once the input is fixed.
                    String why = "task " + task.name() + " seed " + seed + ": " + e.getMessage();
                    ending.stopResumable(RunState.Status.FAILED, why);
                    throw new InvalidInputException(suiteFile + ": " + why, e);
                }
                if (taskStatistics == null) {
                    // The split and feature map do not depend on the training seed: one computation per task.
                    taskStatistics = FeatureStatistics.compute(prepared.data().split().train(), space.data().split().seed());
                }
                InterruptedTrials interrupted = InterruptedTrials.NONE;
                ReportFolder taskFolder;
                if (taskDir.exists()) {
                    interrupted = taskDir.progress();
                    taskFolder = ReportFolder.resume(taskDir.dir());
                    if (interrupted.recovered() != null) {
                        prepared = prepared.resuming(interrupted.replay());
                        console.printf("resuming task %s seed %d: %d finished trials are replayed, not trained again%s%n",
                                task.name(), seed, interrupted.trials(), interrupted.recovered().tornBytes() > 0
                                        ? " (a row cut off by the interruption was dropped)" : "");
                        console.flush();
                    }
                } else {
                    taskFolder = ReportFolder.create(taskDir.dir());
                }
                taskFolder.writeAtomically(OpenedRun.SPACE_COPY, task.text(seed));
                if (suite.gridOnly()) {
                    SearchOutcome grid;
                    try (TrialLog log = interrupted.openTrialLog(taskFolder); CurveLog curves = interrupted.openCurveLog(taskFolder)) {
                        grid = prepared.run(Strategy.GRID, ProgressLine.liveOnly(console, space, TrialListener.all(log, curves, watcher)));
                    }
                    AnalyticalTemperature.Estimate e = prepared.estimate();
                    BenchmarkTable.Row row = BenchmarkTable.gridRow(task.name(), task.dataset(), seed, space.head().toString(),
                            e, grid, AnalyticalTemperature.estimate(e.featureWidth(), e.classes(), e.csg(), fitted).temperature(), date);
                    record(folder, taskFolder, rows, statistics, row, taskStatistics);
                    progress.ran();
                    console.printf(Locale.ROOT, "%s %-22s seed %d: M %s, T̂* %s, grid T* %s (%s trials, %s s), test acc %s%n",
                            progress.prefix(rows.size()), task.name(), seed, row.text("M"),
                            fmt(row, "t_hat_paper"), fmt(row, "grid_t"), row.text("grid_trials"), fmt(row, "grid_seconds"),
                            acc(row, "grid_test_accuracy"));
                    console.flush();
                    continue;
                }
                Comparison comparison;
                SearchOutcome random;
                TrialResult atOne;
                List<SearchOutcome> equalCompute = new ArrayList<>();
                try (TrialLog log = interrupted.openTrialLog(taskFolder); CurveLog curves = interrupted.openCurveLog(taskFolder)) {
                    TrialListener logs = ProgressLine.liveOnly(console, space, TrialListener.all(log, curves, watcher));
                    comparison = Comparison.run(prepared, logs, s -> List.of());
                    // a recipe too short for two rungs (one epoch) has no multi-fidelity search: its cells stay empty
                    SearchOutcome seeded = prepared.affordsHalving() ? prepared.run(Strategy.ANALYTICAL_SH, logs) : null;
                    equalCompute.add(seeded);
                    equalCompute.add(seeded == null ? null : prepared.run(Strategy.SH, logs));
                    equalCompute.add(seeded == null ? null : prepared.run(Strategy.HYPERBAND, logs));
                    // random search at the seeded search's epochs, in full trials: at least one, so it picks something
                    int equalTrials = seeded == null ? 0 : (int) Math.max(1, seeded.epochs() / space.recipe().epochs());
                    int randomTrials = Math.max(comparison.analytical().trialCount(), equalTrials);
                    random = prepared.withRandomBudget(randomTrials).run(Strategy.RANDOM, logs);
                    // Arbiter's seeded random search proposes the same sequence whatever its budget: its first trials
                    // are the smaller search
                    equalCompute.add(seeded == null ? null : random.firstTrials(equalTrials));
                    random = random.firstTrials(comparison.analytical().trialCount());
                    atOne = prepared.trainAt(1.0);
                }
                taskFolder.writeAtomically(ReportFolder.COMPARISON, ComparisonTable.csv(comparison));
                TemperatureCurveChart.write(taskFolder, comparison, false);
                AnalyticalTemperature.Estimate e = comparison.estimate();
                double fittedEstimate = AnalyticalTemperature.estimate(e.featureWidth(), e.classes(), e.csg(), fitted).temperature();
                BenchmarkTable.Row row = BenchmarkTable.row(task.name(), task.dataset(), seed, space.head().toString(),
                        comparison, random, atOne, fittedEstimate, equalCompute, date);
                record(folder, taskFolder, rows, statistics, row, taskStatistics);
                progress.ran();
                console.printf(Locale.ROOT, "%s %-22s seed %d: M %s, T̂* %s, grid T* %s (%s trials), analytical T* %s "
                                + "(%s trials), analytical-sh T* %s (%s epochs), test acc grid %s analytical %s analytical-sh %s "
                                + "random %s sh %s hyperband %s T̂* %s%n", progress.prefix(rows.size()), task.name(), seed, row.text("M"), fmt(row, "t_hat_paper"),
                        fmt(row, "grid_t"), row.text("grid_trials"), fmt(row, "analytical_t"), row.text("analytical_trials"),
                        fmt(row, "analytical_sh_t"), row.text("analytical_sh_epochs"),
                        acc(row, "grid_test_accuracy"), acc(row, "analytical_test_accuracy"),
                        acc(row, "analytical_sh_test_accuracy"), acc(row, "random_eq_test_accuracy"),
                        acc(row, "sh_test_accuracy"), acc(row, "hyperband_test_accuracy"), acc(row, "t_hat_test_accuracy"));
                console.flush();
            }
        }
        String summary = suite.gridOnly() ? gridSummary(suite, rows, progress, command) : "# Benchmark suite `" + suite.name() + "`\n\n"
                + rows.size() + " runs (" + suite.tasks().size() + " tasks; seeds " + suite.seeds() + " unless a task names its own) in "
                + progress.took() + " on one core per trial; "
                + "grid: each task's `temperature` (" + suite.tasks().get(0).space(suite.tasks().get(0).seeds().get(0)).temperature().gridPoints()
                + " log-spaced points for the first task). Gaps are grid − strategy in held-out test accuracy "
                + "(percentage points; positive: the strategy is worse). Random search runs Arbiter's random "
                + "generator with the analytical search's trial count; at equal compute, with as many full trials as the "
                + "seeded successive halving's epochs buy (its first trials: the seeded generator's sequence does not "
                + "depend on the budget). Successive halving and Hyperband draw log-uniform temperatures with the "
                + "training seed; all three multi-fidelity searches keep the space's `successiveHalving` budget.\n\n"
                + "## Targets\n\n" + SuiteTables.targets(rows) + "\n" + whyMissed(rows) + "## Per task (mean ± sd over seeds)\n\n"
                + SuiteTables.resultsTable(rows) + "\nEach task's trials, comparison and plot are in `<task>-seed<seed>/`.\n\n"
                + RunSummary.madeBy(command);
        folder.writeAtomically("summary.md", summary);
        ending.finish(RunState.Status.COMPLETED, "");
        console.printf("%nwrote %s: tasks.csv, summary.md and a folder per task and seed%n", folder.path());
        if (!suite.gridOnly()) {
            console.print(SuiteTables.targets(rows));
        }
        console.flush();
    }

    private static void record(ReportFolder folder, ReportFolder taskFolder, List<BenchmarkTable.Row> rows,
                               List<FeatureStatistics> statistics, BenchmarkTable.Row row, FeatureStatistics taskStatistics) {
        // the task's own row first: it marks the task finished, and the suite's tables are rebuilt from such rows
        SuiteTaskFolder.finish(taskFolder, row, taskStatistics);
        rows.add(row);
        statistics.add(taskStatistics);
        writeTables(folder, rows, statistics);
    }

    /** tasks.csv and statistics.csv from the finished tasks' rows, whole and renamed: no half-written row survives. */
    private static void writeTables(ReportFolder folder, List<BenchmarkTable.Row> rows, List<FeatureStatistics> statistics) {
        folder.writeAtomically(BenchmarkTable.FILE, BenchmarkTable.csv(rows));
        folder.writeAtomically(BenchmarkTable.STATISTICS_FILE, BenchmarkTable.statisticsCsv(rows, statistics));
    }

    private static String gridSummary(BenchmarkSuite suite, List<BenchmarkTable.Row> rows, SuiteProgress progress, String command) {
        StringBuilder b = new StringBuilder("# Benchmark suite `" + suite.name() + "` (grid only)\n\n");
        b.append(String.format(Locale.ROOT, "%d runs (%d tasks) in %s: the full grid alone per task, the "
                + "observations `tstar fit` learns from (`searches: grid`; no other search ran, so their columns of "
                + "tasks.csv are empty).%n%n", rows.size(), suite.tasks().size(), progress.took()));
        b.append("| task | dataset | seed | head | M | C | T̂* paper | T̂* fitted | grid T* | test acc | grid trials | grid epochs | grid s |\n");
        b.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchmarkTable.Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |%n",
                    r.text("task"), r.text("dataset"), r.text("seed"), r.text("head"), r.text("M"), r.text("C"),
                    fmt(r, "t_hat_paper"), fmt(r, "t_hat_fitted"), fmt(r, "grid_t"), acc(r, "grid_test_accuracy"),
                    r.text("grid_trials"), r.text("grid_epochs"), r.number("grid_seconds")));
        }
        return b.append("\nEach task's trials and learning curves are in `<task>-seed<seed>/`.\n\n")
                .append(RunSummary.madeBy(command)).toString();
    }

    private static String whyMissed(List<BenchmarkTable.Row> rows) {
        String misses = SuiteTables.misses(rows);
        return misses.isEmpty() ? "" : "### Where targets were missed\n\n" + misses + "\n";
    }

    private static String fmt(BenchmarkTable.Row row, String column) {
        double v = row.number(column);
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "—";
    }

    private static String acc(BenchmarkTable.Row row, String column) {
        double v = row.number(column);
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "—";
    }
}
