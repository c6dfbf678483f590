package org.tstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.tstar.InvalidInputException;
import org.tstar.estimate.CoefficientFit;
import org.tstar.estimate.FeatureStatistics;
import org.tstar.estimate.GridObservation;
import org.tstar.estimate.StatisticsHeuristic;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.FitReport;
import org.tstar.report.GridCurve;
import org.tstar.report.ReportFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tstar fit}: refits the estimate's coefficients on the grid-optimal temperatures of benchmark reports
 * and writes them as a coefficient set ({@code --coefficients FILE}, or shipped as {@code fitted}), with the
 * fit's leave-one-dataset-out error in its provenance. Least squares in log T is the one written; the fit in T
 * and the statistics heuristic are fitted on the same tasks and reported beside it. Cosine heads are left out.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Refit (alpha, beta, gamma, delta) of the estimate on benchmark reports (their tasks.csv).")
final class FitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reports", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Benchmark folders (each with a tasks.csv from tstar bench --suite).")
    List<Path> reports;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The coefficients file to write.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the fit's errors and per-task predictions as markdown.")
    Path report;

    @Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<FitReport.Task> tasks = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<GridObservation> statistics = new ArrayList<>();
        String date = "";
        for (Path dir : reports) {
            // A task run at several seeds is one observation: the geometric mean of its grid optima.
            Map<String, List<BenchmarkTable.Row>> byTask = new LinkedHashMap<>();
            for (BenchmarkTable.Row row : BenchmarkTable.read(dir.resolve(BenchmarkTable.FILE))) {
                byTask.computeIfAbsent(row.text("task"), t -> new ArrayList<>()).add(row);
                date = row.text("date").compareTo(date) > 0 ? row.text("date") : date;
            }
            Map<String, FeatureStatistics> taskStatistics = new LinkedHashMap<>();
            if (Files.exists(dir.resolve(BenchmarkTable.STATISTICS_FILE))) {
                BenchmarkTable.readStatistics(dir.resolve(BenchmarkTable.STATISTICS_FILE))
                        .forEach(s -> taskStatistics.putIfAbsent(s.task(), s.statistics()));
            }
            for (Map.Entry<String, List<BenchmarkTable.Row>> e : byTask.entrySet()) {
                List<BenchmarkTable.Row> rows = e.getValue();
                BenchmarkTable.Row first = rows.get(0);
                if (first.text("head").startsWith("cosine")) {
                    leftOut.add(e.getKey());
                    continue;
                }
                double logT = rows.stream().mapToDouble(r -> Math.log(r.number("grid_t"))).average().orElse(Double.NaN);
                CoefficientFit.Observation o = new CoefficientFit.Observation(e.getKey(), first.text("dataset"),
                        (int) first.number("M"), (int) first.number("C"), first.number("csg"), Math.exp(logT));
                List<GridCurve> curves = rows.stream()
                        .map(r -> GridCurve.read(dir.resolve(r.text("task") + "-seed" + r.text("seed")).resolve(ReportFolder.TRIALS)))
                        .toList();
                tasks.add(new FitReport.Task(o, rows, curves));
                if (taskStatistics.containsKey(e.getKey())) {
                    statistics.add(new GridObservation(o.dataset(), taskStatistics.get(e.getKey()), o.gridOptimalTemperature()));
                }
            }
        }
        if (tasks.isEmpty()) {
            throw new InvalidInputException("--reports: no BN+linear or MLP task rows in " + reports);
        }
        List<CoefficientFit.Observation> observations = tasks.stream().map(FitReport.Task::observation).toList();
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        String source = "tstar fit --reports " + String.join(" ", reports.stream().map(Path::toString).toList());
        CoefficientFit inLog = CoefficientFit.fit(observations, CoefficientFit.Objective.LOG_T, paper.minTemperature(),
                paper.maxTemperature(), source, date);
        CoefficientFit inT = CoefficientFit.fit(observations, CoefficientFit.Objective.T, paper.minTemperature(),
                paper.maxTemperature(), source, date);
        List<StatisticsHeuristic> heuristics = statistics.size() == tasks.size() && !statistics.isEmpty()
                ? StatisticsHeuristic.fitEach(statistics, new TreeSet<>(statistics.get(0).statistics().values().keySet()))
                : List.of();
        String md = FitReport.markdown(source, inLog, inT, tasks, leftOut, heuristics, paper);
        Files.writeString(out, "# Written by: " + source + " --out " + out + "\n" + inLog.coefficients().toYaml());
        if (report != null) {
            Files.writeString(report, md);
        }
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().printf("%nwrote %s%s%n", out, report != null ? " and " + report : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
