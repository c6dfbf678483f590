package org.tstar.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tstar.model.TrialResult;
import org.tstar.report.ComparisonTable;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.ReportWriteException;
import org.tstar.report.RunState;
import org.tstar.report.RunSummary;
import org.tstar.report.TemperatureCurveChart;
import org.tstar.report.TrialLog;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SparkSettings;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialExecutor;
import org.tstar.search.trial.TrialListener;

/**
 * A search or comparison run from start to end: its metrics, its folder (new or resumed), the trial log written
 * as trials end, the console's progress, the reports and the marker that says the run completed. Callable
 * without a command line; the console is any writer.
 */
public final class ReportedRun {
    private ReportedRun() {
    }

    /**
     * {@code compare}: the analytical search and the full grid on the same data, recipe and seeds, and what the
     * analytical one saved and reached. Returns false when a strategy has no completed trial.
     *
     * @throws RunStoppedException when a report could not be written (the folder stays resumable)
     */
    public static boolean compare(PreparedSpace prepared, RunSettings settings, PrintWriter console)
            throws InterruptedException {
        return compare(prepared, Strategy.ANALYTICAL, settings, console);
    }

    /** As above with {@code seeded} (analytical or analytical-sh) set against the grid. */
    public static boolean compare(PreparedSpace prepared, Strategy seeded, RunSettings settings, PrintWriter console)
            throws InterruptedException {
        String option = (seeded == Strategy.ANALYTICAL ? "" : " --strategy " + seeded.label()) + settings.sparkOptions();
        String label = seeded.label();
        return run(prepared, settings, console, "compare" + option, option, (opened, metrics, ending) -> {
            ReportFolder folder = opened.folder();
            Comparison comparison;
            try (TrialLog log = opened.openTrialLog(); CurveLog curves = opened.openCurveLog()) {
                comparison = Comparison.run(opened.task(), seeded, new ProgressLine(console, ProgressLine.terminal(),
                        prepared.space(), TrialListener.all(log, curves)), metrics::listeners);
            }
            printUnreplayed(console, opened);
            metrics.metrics().recordComparison(comparison);
            folder.writeAtomically(ReportFolder.COMPARISON, ComparisonTable.csv(comparison));
            TemperatureCurveChart.write(folder, comparison);
            metrics.writeExposition(folder);
            String command = command("compare", prepared.file(), folder, option);
            folder.writeAtomically(ReportFolder.SUMMARY, RunSummary.comparison(comparison, prepared.space(), command));
            String failed = strategiesWithoutResult(comparison.analytical(), comparison.grid());
            ending.finish(failed.isEmpty() ? RunState.Status.COMPLETED : RunState.Status.FAILED,
                    failed.isEmpty() ? "" : "every trial of " + failed + " failed");

            console.printf("%n%-24s %14s %14s %12s%n", "measure", "grid", label, "comparison");
            for (ComparisonTable.Row r : ComparisonTable.rows(comparison)) {
                console.printf(Locale.ROOT, "%-24s %14s %14s %12s  %s%n", r.measure(), RunSummary.quantity(r.grid()),
                        RunSummary.quantity(r.analytical()), RunSummary.quantity(r.comparison()), r.kind());
            }
            if (failed.isEmpty()) {
                console.printf(Locale.ROOT, "%s reached test accuracy %s vs the grid's %s (gap %+.2f points) with "
                                + "%.1f %% fewer FLOPs%n", label, RunSummary.accuracy(Comparison.testAccuracy(comparison.analytical())),
                        RunSummary.accuracy(Comparison.testAccuracy(comparison.grid())), 100 * comparison.accuracyGap(),
                        100 * comparison.saving("flops").saved());
            } else {
                console.printf("every trial of %s failed: no temperature to compare (reasons in trials.csv)%n", failed);
            }
            console.printf("wrote %s: trials.csv, comparison.csv, %s.png/.svg, %s.png/.svg, %s, summary.md, %s%n",
                    folder.path(), TemperatureCurveChart.CURVE, TemperatureCurveChart.COMPUTE, RunMetrics.EXPOSITION,
                    RunState.FILE);
            return failed.isEmpty();
        });
    }

    /**
     * {@code search}: one strategy's search with its trial log and summary. Returns false when every trial failed.
     *
     * @throws RunStoppedException when a report could not be written (the folder stays resumable)
     */
    public static boolean search(PreparedSpace prepared, Strategy strategy, RunSettings settings, PrintWriter console)
            throws InterruptedException {
        String option = " --strategy " + strategy.label() + settings.sparkOptions();
        return run(prepared, settings, console, "search" + option, option, (opened, metrics, ending) -> {
            ReportFolder folder = opened.folder();
            SearchOutcome outcome;
            try (TrialLog log = opened.openTrialLog(); CurveLog curves = opened.openCurveLog()) {
                outcome = opened.task().run(strategy, new ProgressLine(console, ProgressLine.terminal(), prepared.space(),
                        TrialListener.all(log, curves)), metrics.listeners(strategy));
            }
            printUnreplayed(console, opened);
            metrics.metrics().recordOutcome(outcome);
            TemperatureCurveChart.write(folder, outcome, prepared.task().estimate().temperature(), prepared.space().name());
            metrics.writeExposition(folder);
            String command = command("search", prepared.file(), folder, option);
            folder.writeAtomically(ReportFolder.SUMMARY,
                    RunSummary.search(outcome, prepared.task().estimate(), prepared.space(), command));
            String failed = strategiesWithoutResult(outcome);
            ending.finish(failed.isEmpty() ? RunState.Status.COMPLETED : RunState.Status.FAILED,
                    failed.isEmpty() ? "" : "every trial failed");
            if (failed.isEmpty()) {
                Score score = prepared.space().score();
                console.printf("%s chose T = %s: %s %s, test accuracy %s after %d trials (%.1f s of training)%n",
                        strategy.label(), RunSummary.temperature(outcome.chosenResult().map(TrialResult::temperature).orElse(Double.NaN)),
                        score.label(), outcome.chosenResult().map(t -> RunSummary.number(score.of(t))).orElse("—"),
                        RunSummary.accuracy(outcome.chosenResult().map(TrialResult::testAccuracy).orElse(Double.NaN)),
                        outcome.trialCount(), outcome.trainingSeconds());
            } else {
                console.println("every trial failed: no temperature chosen (reasons in trials.csv)");
            }
            console.printf("wrote %s: trials.csv, %s.png/.svg, %s, summary.md, %s%n", folder.path(),
                    TemperatureCurveChart.CURVE, RunMetrics.EXPOSITION, RunState.FILE);
            return failed.isEmpty();
        });
    }

    /** What a run does between opening its folder and marking it ended. */
    private interface Body {
        boolean run(OpenedRun opened, RunMetrics metrics, RunEnding ending);
    }

    /**
     * The lifecycle both commands share: metrics (the endpoint bound before any folder exists), the folder opened
     * and locked, the header, a marker for a signal, the body, a write failure turned into a failed, resumable
     * marker and one line, and the endpoint kept up for {@code metricsLinger} seconds after a run that ended.
     */
    private static boolean run(PreparedSpace prepared, RunSettings settings, PrintWriter console, String command,
                               String option, Body body) throws InterruptedException {
        boolean result;
        // the executor starts (and a cluster is reached) before any folder exists: a bad master leaves nothing behind
        SparkSettings spark = settings.spark(prepared.space());
        try (TrialExecutor executor = TrialExecutor.open(spark.master(), spark.conf());
             RunMetrics metrics = RunMetrics.start(prepared.space(), settings, executor);
             OpenedRun opened = OpenedRun.open(prepared.on(executor), settings, command)) {
            String resume = "bin/tstar " + command.split(" ")[0] + " --space " + prepared.file() + option + " --resume "
                    + opened.folder().path();
            try (RunEnding ending = RunEnding.resumable(opened.folder(), opened.state(), console, resume)) {
                begin(console, prepared, opened, metrics);
                try {
                    result = body.run(opened, metrics, ending);
                } catch (ReportWriteException e) {
                    throw ending.writeFailed(e);
                }
            }
            console.flush();
            metrics.linger(console, settings.metricsLinger());
        }
        return result;
    }

    /** The header, the resume note and the endpoint, and T̂* recorded before the first trial. */
    private static void begin(PrintWriter console, PreparedSpace p, OpenedRun opened, RunMetrics metrics) {
        if (!opened.lock().staleHolder().isEmpty()) {
            console.printf("took over the folder's lock from a run that is no longer running (%s)%n",
                    opened.lock().staleHolder());
        }
        printHeader(console, p, opened.folder());
        if (opened.recovered() != null) {
            console.printf("resuming %s: %d finished trials in trials.csv are replayed, not trained again%s%n",
                    opened.folder().path(), opened.recovered().records().size(),
                    opened.recovered().tornBytes() > 0 ? " (a row cut off by the interruption was dropped)" : "");
        }
        if (opened.task().executor() != TrialExecutor.LOCAL) {
            console.printf("trials run on %s%n", opened.task().executor().describe());
        }
        metrics.printEndpoint(console);
        metrics.metrics().recordEstimate(p.task().estimate().temperature());
    }

    /** The strategies among {@code outcomes} with no completed trial, e.g. "grid and analytical"; empty if none. */
    static String strategiesWithoutResult(SearchOutcome... outcomes) {
        List<String> failed = new ArrayList<>();
        for (SearchOutcome o : outcomes) {
            if (o.chosen().isEmpty()) {
                failed.add(o.strategy().label());
            }
        }
        return String.join(" and ", failed);
    }

    /** Warns when a resumed search did not ask for every recorded trial (its space, seeds or code changed). */
    private static void printUnreplayed(PrintWriter console, OpenedRun opened) {
        int left = opened.task().recorded().remaining();
        if (left > 0) {
            console.printf("warning: %d trials recorded in trials.csv were not proposed again and are not in this "
                    + "run's results%n", left);
        }
    }

    private static void printHeader(PrintWriter console, PreparedSpace p, ReportFolder folder) {
        SearchSpaceDefinition s = p.space();
        console.printf("space %s: data %s (%d train / %d validation / %d test rows), head %s, T in [%s, %s]%n",
                s.name(), s.data().source().spec(), p.task().data().trainRows(),
                p.task().data().validationFeatures().rows(), p.task().data().testFeatures().rows(), s.head(),
                s.temperature().min(), s.temperature().max());
        console.printf("training-free estimate T̂* = %s (%s coefficients), range ×%.3g; reports in %s%n",
                RunSummary.temperature(p.task().estimate().temperature()), p.task().estimate().coefficients().name(),
                p.task().rangeFactor(), folder.path());
        console.flush();
    }

    /** The command as the user could type it again. */
    static String command(String name, Path space, ReportFolder folder, String extra) {
        return "bin/tstar " + name + " --space " + space + extra + " --out " + folder.path();
    }
}
