package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tstar.InvalidInputException;
import org.tstar.estimate.CoefficientFit;
import org.tstar.estimate.FeatureStatistics;
import org.tstar.estimate.GridObservation;
import org.tstar.estimate.StatisticsHeuristic;
import org.tstar.estimate.TaskPredictors;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPriorFit;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.FitReport;
import org.tstar.report.GridCurve;
import org.tstar.report.ReportFolder;
import org.tstar.report.TransferPriorReport;
import org.tstar.search.EstimateSource;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;

/**
 * The estimate's coefficients refitted on the grid-optimal temperatures of benchmark reports: each task (over its
 * seeds) becomes one observation, least squares in log T gives the coefficient set that is written, the fit in T
 * and the statistics heuristic are fitted on the same tasks for the report. Cosine heads are left out.
 *
 * @param source the command that made it, recorded as the coefficients' provenance
 * @param fit the least-squares fit in log T, with its leave-one-dataset-out errors
 * @param prior    the transfer prior chosen and fitted on the same tasks; null with fewer than three datasets
 * @param markdown the fit's report: errors, per-task predictions, the alternatives
 * @param predictorSeconds how long reading the tasks and computing their predictors took (data loading included)
 */
public record CoefficientRefit(String source, CoefficientFit fit, TransferPriorFit prior, String markdown,
                               double predictorSeconds) {

    /**
     * Reads every folder's {@code tasks.csv} (and {@code statistics.csv} where present), computes each task's
     * training-free predictors from its {@code space.yaml}, and fits both the estimate's coefficients and a transfer
     * prior on every dataset but those in {@code holdOut}, which are only predicted.
     */
    public static CoefficientRefit of(List<Path> reports, List<String> holdOut) {
        return of(reports, holdOut, List.of());
    }

    /**
     * As {@link #of(List, List)}, the prior's leave-one-dataset-out selection and every cross-validated score counting
     * only the datasets {@code scoreOn} names (a dataset, or one of {@code reports}: all its datasets); the other
     * datasets are fitted on in every fold, never scored. Empty: every fitted dataset is scored.
     */
    public static CoefficientRefit of(List<Path> reports, List<String> holdOut, List<String> scoreOn) {
        List<FitReport.Task> tasks = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Map<String, FeatureStatistics> statisticsByTask = new LinkedHashMap<>();
        String date = "";
        long start = System.nanoTime();
        // a misnamed held-out or scored dataset is refused before any task's data is loaded
        Set<String> datasets = new TreeSet<>();
        Map<Path, Set<String>> datasetsByFolder = new LinkedHashMap<>();
        for (Path dir : reports) {
            Set<String> here = new TreeSet<>();
            BenchmarkTable.read(dir.resolve(BenchmarkTable.FILE)).forEach(r -> here.add(r.text("dataset")));
            datasetsByFolder.put(dir.normalize(), here);
            datasets.addAll(here);
        }
        for (String d : holdOut) {
            if (!datasets.contains(d)) {
                throw new InvalidInputException("--hold-out: no dataset '" + d + "' in the reports (they have "
                        + String.join(", ", datasets) + ")");
            }
        }
        Set<String> scored = new TreeSet<>();
        for (String s : scoreOn) {
            Set<String> folder = datasetsByFolder.get(Path.of(s).normalize());
            if (folder != null) {
                scored.addAll(folder);
            } else if (datasets.contains(s)) {
                scored.add(s);
            } else {
                throw new InvalidInputException("--score-on: '" + s + "' is neither a dataset of the reports nor one of "
                        + "the --reports folders (datasets: " + String.join(", ", datasets) + ")");
            }
        }
        scored.removeAll(holdOut);
        if (!scoreOn.isEmpty() && scored.isEmpty()) {
            throw new InvalidInputException("--score-on: every dataset it names (" + String.join(", ", scoreOn)
                    + ") is held out by --hold-out; nothing would be scored");
        }
        if (scored.isEmpty()) {
            scored.addAll(datasets);
            scored.removeAll(holdOut);
        }
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
                Path space = dir.resolve(first.text("task") + "-seed" + first.text("seed")).resolve("space.yaml");
                tasks.add(new FitReport.Task(o, rows, curves, predictors(space, o.csg())));
                if (taskStatistics.containsKey(e.getKey())) {
                    statisticsByTask.put(e.getKey(), taskStatistics.get(e.getKey()));
                }
            }
        }
        double predictorSeconds = (System.nanoTime() - start) / 1e9;
        if (tasks.isEmpty()) {
            throw new InvalidInputException("--reports: no BN+linear or MLP task rows in " + reports);
        }
        List<FitReport.Task> fitted = tasks.stream().filter(t -> !holdOut.contains(t.observation().dataset())).toList();
        List<FitReport.Task> heldOut = tasks.stream().filter(t -> holdOut.contains(t.observation().dataset())).toList();
        List<CoefficientFit.Observation> observations = fitted.stream().map(FitReport.Task::observation).toList();
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        String source = "tstar fit --reports " + String.join(" ", reports.stream().map(Path::toString).toList())
                + (holdOut.isEmpty() ? "" : " --hold-out " + String.join(" ", holdOut))
                + (scoreOn.isEmpty() ? "" : " --score-on " + String.join(" ", scoreOn));
        CoefficientFit inLog = CoefficientFit.fit(observations, CoefficientFit.Objective.LOG_T, paper.minTemperature(),
                paper.maxTemperature(), source, date);
        CoefficientFit inT = CoefficientFit.fit(observations, CoefficientFit.Objective.T, paper.minTemperature(),
                paper.maxTemperature(), source, date);
        List<GridObservation> statistics = fitted.stream().filter(t -> statisticsByTask.containsKey(t.observation().task()))
                .map(t -> new GridObservation(t.observation().dataset(), statisticsByTask.get(t.observation().task()),
                        t.observation().gridOptimalTemperature())).toList();
        List<StatisticsHeuristic> heuristics = statistics.size() == fitted.size() && !statistics.isEmpty()
                ? StatisticsHeuristic.fitEach(statistics, new TreeSet<>(statistics.get(0).statistics().values().keySet()))
                : List.of();
        // a prior is chosen by leave-one-dataset-out error: with fewer than three datasets only the formula is refitted
        long scoredDatasets = fitted.stream().map(t -> t.observation().dataset()).filter(scored::contains).distinct().count();
        TransferPriorFit prior = scoredDatasets < 3 ? null : TransferPriorFit.fit(
                fitted.stream().map(FitReport.Task::priorObservation).toList(), scored,
                List.copyOf(TaskPredictors.CANDIDATES.keySet()), MAX_PRIOR_TERMS, paper.minTemperature(),
                paper.maxTemperature(), source, date);
        String markdown = (prior == null ? "No transfer prior: it is chosen by leave-one-dataset-out error and these "
                + "reports have " + scoredDatasets + " dataset(s) to fit and score on; it needs 3.\n\n"
                : TransferPriorReport.markdown(source, prior, inLog, paper, fitted, scored, heldOut, holdOut))
                + FitReport.markdown(source, inLog, inT, fitted, leftOut, heuristics, paper);
        return new CoefficientRefit(source, inLog, prior, markdown, predictorSeconds);
    }

    /** The predictors a prior may choose at most: few enough to read, and to fit on a few dozen tasks. */
    public static final int MAX_PRIOR_TERMS = 4;

    /** A task's training-free predictors, from the space its folder recorded (its data loaded, nothing trained). */
    static TaskPredictors predictors(Path spaceFile, double csg) {
        SearchSpaceDefinition space = SpaceFileReader.load(spaceFile);
        try {
            return EstimateSource.predictors(space, space.data().prepare(), csg);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(spaceFile + ": " + e.getMessage());
        }
    }

    /**
     * Writes the coefficient set to {@code out} (a file {@code --coefficients} accepts), the prior to {@code priorOut}
     * and the report, each if asked.
     */
    public void write(Path out, Path priorOut, Path report) throws IOException {
        if (priorOut != null && prior == null) {
            throw new InvalidInputException("--prior: no prior was fitted (" + markdown.lines().findFirst().orElse("")
                    .replace("No transfer prior: ", "") + ")");
        }
        Files.writeString(out, "# Written by: " + source + " --out " + out + "\n" + fit.coefficients().toYaml());
        if (priorOut != null) {
            Files.writeString(priorOut, "# Written by: " + source + " --prior " + priorOut + "\n"
                    + prior.prior().toYaml());
        }
        if (report != null) {
            Files.writeString(report, markdown);
        }
    }
}
