package org.tstar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunState;
import org.tstar.report.RunSummary;
import org.tstar.model.TrialResult;
import org.tstar.report.TemperatureCurveChart;
import org.tstar.report.TrialLog;
import org.tstar.search.SearchSpaceDefinition;
import org.tstar.search.SearchOutcome;
import org.tstar.search.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar search}: one strategy's temperature search on a space, with its trial log and summary. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the softmax temperature of a space with one strategy (analytical, grid or random).")
final class SearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", required = true, description = "The search-space file.")
    Path space;

    @Option(names = "--strategy", defaultValue = "analytical",
            description = "analytical, grid or random (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Mixin
    ReportedRun run;

    @Override
    public Integer call() throws Exception {
        Strategy chosen = Strategy.parse(strategy);
        ReportedRun.Prepared prepared = ReportedRun.prepare(space);
        try (RunMetrics metrics = run.startMetrics(prepared.space())) {
            ReportedRun.Opened opened = run.open(prepared, space, "search --strategy " + chosen.label());
            ReportFolder folder = opened.folder();
            PrintWriter console = spec.commandLine().getOut();
            ReportedRun.printHeader(console, prepared, folder);
            ReportedRun.printResume(console, opened);
            metrics.printEndpoint(console);
            double estimate = prepared.task().estimate().temperature();
            metrics.metrics().recordEstimate(estimate);
            SearchOutcome outcome;
            try (TrialLog log = opened.openTrialLog()) {
                outcome = opened.task().run(chosen,
                        new ProgressLine(console, ProgressLine.terminal(), prepared.space(), log), metrics.listeners(chosen));
            }
            ReportedRun.printUnreplayed(console, opened);
            metrics.metrics().recordOutcome(outcome);
            TemperatureCurveChart.write(folder, outcome, estimate, prepared.space().name());
            metrics.writeExposition(folder);
            String command = ReportedRun.command("search", space, folder, " --strategy " + chosen.label());
            folder.writeAtomically(ReportFolder.SUMMARY,
                    RunSummary.search(outcome, prepared.task().estimate(), prepared.space(), command));
            String failed = ReportedRun.strategiesWithoutResult(outcome);
            opened.finish(failed.isEmpty() ? RunState.Status.COMPLETED : RunState.Status.FAILED,
                    failed.isEmpty() ? "" : "every trial failed");
            if (failed.isEmpty()) {
                SearchSpaceDefinition.Score score = prepared.space().score();
                console.printf("%s chose T = %s: %s %s, test accuracy %s after %d trials (%.1f s of training)%n",
                        chosen.label(), RunSummary.temperature(outcome.chosenResult().map(TrialResult::temperature).orElse(Double.NaN)),
                        score.label(), outcome.chosenResult().map(t -> RunSummary.number(score.of(t))).orElse("—"),
                        RunSummary.accuracy(outcome.chosenResult().map(TrialResult::testAccuracy).orElse(Double.NaN)),
                        outcome.trialCount(), outcome.trainingSeconds());
            } else {
                console.println("every trial failed: no temperature chosen (reasons in trials.csv)");
            }
            console.printf("wrote %s: trials.csv, %s.png/.svg, %s, summary.md, %s%n", folder.path(),
                    TemperatureCurveChart.CURVE, RunMetrics.EXPOSITION, RunState.FILE);
            metrics.linger(console, run.metricsLinger);
            return failed.isEmpty() ? 0 : TstarCommand.EXIT_ALL_FAILED;
        }
    }
}
