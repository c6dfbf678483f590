package org.tstar.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.CsvText;
import org.tstar.report.ReportFolder;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialListener;

/**
 * {@code tstar bench executor --suite FILE --spark-master URL}: the same suite run twice, in this JVM and on a Spark
 * master, into {@code local/} and {@code spark/}; what the cluster changed in the results (nothing, timing aside,
 * is the contract) and what going through it costs: the suite's wall time, and per trial the driver's time from
 * asking for the trial to its result minus the trial's own training time.
 */
public final class ExecutorOverhead {
    public static final String FILE = "executor-overhead.csv";

    private ExecutorOverhead() {
    }

    /** One run of the suite: where, its wall time and each independent trial's overhead in ms, by strategy. */
    private record Run(String label, double wallSeconds, double trainingSeconds, Map<Strategy, List<Double>> overheadMs) {
        List<Double> all() {
            List<Double> all = new ArrayList<>();
            overheadMs.values().forEach(all::addAll);
            return all;
        }
    }

    /** Runs the suite both ways into {@code out} and returns the summary it wrote. */
    public static String run(Path suiteFile, Path out, String sparkMaster, Map<String, String> sparkConf,
                             PrintWriter console) {
        new RunSettings(null, null, null, "127.0.0.1", 0, sparkMaster, sparkConf);   // refuses a malformed master now
        BenchmarkSuite.load(suiteFile);
        ReportFolder folder = ReportFolder.create(out);
        // Spark first: a master that cannot be reached is refused before the long local run
        Run spark = measure("Spark " + sparkMaster, suiteFile, folder.file("spark"), sparkMaster, sparkConf, console);
        Run local = measure("this JVM", suiteFile, folder.file("local"), null, Map.of(), console);
        List<BenchmarkTable.Row> localRows = BenchmarkTable.read(folder.file("local").resolve("tasks.csv"));
        List<BenchmarkTable.Row> sparkRows = BenchmarkTable.read(folder.file("spark").resolve("tasks.csv"));
        int differing = differingCells(localRows, sparkRows);

        List<List<String>> rows = new ArrayList<>();
        for (Run r : List.of(local, spark)) {
            for (Map.Entry<Strategy, List<Double>> e : r.overheadMs().entrySet()) {
                rows.add(row(r, e.getKey().label(), e.getValue()));
            }
            rows.add(row(r, "all", r.all()));
        }
        folder.writeAtomically(FILE, CsvText.of(List.of("run", "strategy", "trials", "median_overhead_ms",
                "mean_overhead_ms", "p90_overhead_ms", "suite_wall_seconds", "training_seconds"), rows));

        double localMedian = statistics(local.all()).getPercentile(50);
        double extra = statistics(spark.all()).getPercentile(50) - localMedian;
        String summary = String.format(Locale.ROOT, """
                # Trials on Spark versus this JVM: suite `%s`

                The same suite run twice on this machine (2 cores): in this JVM, then with every trial a Spark task on \
                `%s`. Per trial, overhead is the driver's time from asking for the trial to holding its result, minus \
                the trial's own training time (measured where it trained); analytical, grid and random trials only (a \
                successive-halving trial's time includes its waits at rungs).

                | run | suite wall time | trials measured | their training time | median overhead per trial | mean | 90th percentile |
                |---|---:|---:|---:|---:|---:|---:|
                %s
                %s

                - Going through Spark costs **%.0f ms per trial** (median, over this JVM's %.0f ms).
                - Results: the two `tasks.csv` differ in %d cells outside timing columns (%s).
                - Grid and random searches keep all of the master's slots busy (1 trial at a time in this JVM); the \
                analytical and halving searches keep their space's `parallelism`, so they propose the same trials.

                Made by: `bin/tstar bench executor --suite %s --spark-master '%s' --out %s`. Per-strategy figures in \
                `%s`; each run's own reports in `local/` and `spark/`.
                """, suiteFile.getFileName(), sparkMaster, line(local), line(spark), extra, localMedian,
                differing, differing == 0 ? "identical" : "see the tasks.csv files", suiteFile, sparkMaster,
                out, FILE);
        folder.writeAtomically("summary.md", summary);
        return summary;
    }

    private static Run measure(String label, Path suiteFile, Path out, String master, Map<String, String> conf,
                               PrintWriter console) {
        Map<Strategy, List<Double>> overhead = Collections.synchronizedMap(new EnumMap<>(Strategy.class));
        java.util.concurrent.atomic.DoubleAdder training = new java.util.concurrent.atomic.DoubleAdder();
        TrialListener watcher = record -> {
            if (!record.strategy().multiFidelity() && !record.replayed()) {
                training.add(record.result().seconds());
                overhead.computeIfAbsent(record.strategy(), s -> Collections.synchronizedList(new ArrayList<>()))
                        .add(1000 * (record.endedAt() - record.startedAt() - record.result().seconds()));
            }
        };
        console.printf("%s: bench --suite %s --out %s%n", label, suiteFile, out);
        console.flush();
        long start = System.nanoTime();
        // each suite run prints its own progress; only the totals matter here
        SuiteRun.run(suiteFile, out, null, new PrintWriter(new StringWriter()), master, conf, watcher);
        double wall = (System.nanoTime() - start) / 1e9;
        console.printf(Locale.ROOT, "%s: %.0f s%n", label, wall);
        console.flush();
        return new Run(label, wall, training.sum(), new LinkedHashMap<>(overhead));
    }

    private static List<String> row(Run r, String strategy, List<Double> ms) {
        DescriptiveStatistics d = statistics(ms);
        return List.of(r.label(), strategy, Integer.toString(ms.size()), cell(d.getPercentile(50)), cell(d.getMean()),
                cell(d.getPercentile(90)), cell(r.wallSeconds()), cell(r.trainingSeconds()));
    }

    private static String line(Run r) {
        DescriptiveStatistics d = statistics(r.all());
        return String.format(Locale.ROOT, "| %s | %.0f s | %d | %.0f s | %.1f ms | %.1f ms | %.1f ms |", r.label(),
                r.wallSeconds(), d.getN(), r.trainingSeconds(), d.getPercentile(50), d.getMean(), d.getPercentile(90));
    }

    /** Cells that differ between two benchmark tables, leaving out columns that measure time or the date. */
    static int differingCells(List<BenchmarkTable.Row> a, List<BenchmarkTable.Row> b) {
        int differing = Math.abs(a.size() - b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            for (Map.Entry<String, String> cell : a.get(i).cells().entrySet()) {
                String column = cell.getKey();
                if (column.endsWith("seconds") || column.equals("date")) {
                    continue;
                }
                if (!cell.getValue().equals(b.get(i).cells().get(column))) {
                    differing++;
                }
            }
        }
        return differing;
    }

    private static String cell(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static DescriptiveStatistics statistics(List<Double> values) {
        DescriptiveStatistics d = new DescriptiveStatistics();
        values.forEach(d::addValue);
        return d;
    }
}
