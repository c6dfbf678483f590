package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

/**
 * The estimate's coefficients refitted on the grid-optimal temperatures of benchmark reports: each task (over its
 * seeds) becomes one observation, least squares in log T gives the coefficient set that is written, the fit in T
 * and the statistics heuristic are fitted on the same tasks for the report. Cosine heads are left out.
 *
 * @param source the command that made it, recorded as the coefficients' provenance
 * @param fit the least-squares fit in log T, with its leave-one-dataset-out errors
 * @param markdown the fit's report: errors, per-task predictions, the alternatives
 */
public record CoefficientRefit(String source, CoefficientFit fit, String markdown) {

    /** Reads every folder's {@code tasks.csv} (and {@code statistics.csv} where present) and fits. */
    public static CoefficientRefit of(List<Path> reports) {
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
        return new CoefficientRefit(source, inLog, FitReport.markdown(source, inLog, inT, tasks, leftOut, heuristics, paper));
    }

    /** Writes the coefficient set to {@code out} (a file {@code --coefficients} accepts) and the report, if asked. */
    public void write(Path out, Path report) throws IOException {
        Files.writeString(out, "# Written by: " + source + " --out " + out + "\n" + fit.coefficients().toYaml());
        if (report != null) {
            Files.writeString(report, markdown);
        }
    }
}
