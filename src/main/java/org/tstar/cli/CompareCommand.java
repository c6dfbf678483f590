package org.tstar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tstar.report.ComparisonTable;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunState;
import org.tstar.report.RunSummary;
import org.tstar.report.TemperatureCurveChart;
import org.tstar.report.TrialLog;
import org.tstar.search.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tstar compare}: the analytical search and Arbiter's full grid on the same data, recipe and seeds, and
 * what the analytical one saved and reached.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the analytical search and the full grid on one space and report compute saved and accuracy reached.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", description = "The search-space file (default: search-spaces/digits-linear.yaml).")
    Path space;

    @Mixin
    ReportedRun run;

    @Override
    public Integer call() throws Exception {
        Path spaceFile = space != null ? space : ReportedRun.defaultSpace();
        ReportedRun.Prepared prepared = ReportedRun.prepare(spaceFile);
        try (RunMetrics metrics = run.startMetrics(prepared.space())) {
            ReportedRun.Opened opened = run.open(prepared, spaceFile, "compare");
            ReportFolder folder = opened.folder();
            PrintWriter console = spec.commandLine().getOut();
            ReportedRun.printHeader(console, prepared, folder);
            ReportedRun.printResume(console, opened);
            metrics.printEndpoint(console);
            metrics.metrics().recordEstimate(prepared.task().estimate().temperature());
            Comparison comparison;
            try (TrialLog log = opened.openTrialLog()) {
                comparison = Comparison.run(opened.task(),
                        new ProgressLine(console, ProgressLine.terminal(), prepared.space(), log), metrics::listeners);
            }
            ReportedRun.printUnreplayed(console, opened);
            metrics.metrics().recordComparison(comparison);
            folder.writeAtomically(ReportFolder.COMPARISON, ComparisonTable.csv(comparison));
            TemperatureCurveChart.write(folder, comparison);
            metrics.writeExposition(folder);
            String command = ReportedRun.command("compare", spaceFile, folder, "");
            folder.writeAtomically(ReportFolder.SUMMARY, RunSummary.comparison(comparison, prepared.space(), command));
            String failed = ReportedRun.strategiesWithoutResult(comparison.analytical(), comparison.grid());
            opened.finish(failed.isEmpty() ? RunState.Status.COMPLETED : RunState.Status.FAILED,
                    failed.isEmpty() ? "" : "every trial of " + failed + " failed");

            console.printf("%n%-24s %14s %14s %12s%n", "measure", "grid", "analytical", "comparison");
            for (ComparisonTable.Row r : ComparisonTable.rows(comparison)) {
                console.printf(Locale.ROOT, "%-24s %14s %14s %12s  %s%n", r.measure(), RunSummary.quantity(r.grid()),
                        RunSummary.quantity(r.analytical()), RunSummary.quantity(r.comparison()), r.kind());
            }
            if (failed.isEmpty()) {
                console.printf(Locale.ROOT, "analytical reached test accuracy %s vs the grid's %s (gap %+.2f points) with "
                                + "%.1f %% fewer FLOPs%n", RunSummary.accuracy(Comparison.testAccuracy(comparison.analytical())),
                        RunSummary.accuracy(Comparison.testAccuracy(comparison.grid())), 100 * comparison.accuracyGap(),
                        100 * comparison.saving("flops").saved());
            } else {
                console.printf("every trial of %s failed: no temperature to compare (reasons in trials.csv)%n", failed);
            }
            console.printf("wrote %s: trials.csv, comparison.csv, %s.png/.svg, %s.png/.svg, %s, summary.md, %s%n",
                    folder.path(), TemperatureCurveChart.CURVE, TemperatureCurveChart.COMPUTE, RunMetrics.EXPOSITION,
                    RunState.FILE);
            metrics.linger(console, run.metricsLinger);
            return failed.isEmpty() ? 0 : TstarCommand.EXIT_ALL_FAILED;
        }
    }
}
