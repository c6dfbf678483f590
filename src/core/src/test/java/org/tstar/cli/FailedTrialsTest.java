package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.metrics.TuningMetrics;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunState;
import org.tstar.report.TrialLog;
import org.tstar.search.KnownCurves;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;

/**
 * Trials that fail — a loss that becomes NaN, a trial that throws — are recorded with their reason, counted in
 * the metrics, and the search goes on; a run where a strategy has no completed trial ends with exit code 3.
 */
class FailedTrialsTest {
    @TempDir
    Path dir;

    private Path space(String name, String updater, String learningRate) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: " + name)
                .replace("updater: adam", "updater: " + updater)
                .replace("learningRate: 0.01", "learningRate: " + learningRate)
                .replace("epochs: 20", "epochs: 2")
                .replace("grid: 25", "grid: 7"));
        return file;
    }

    private static long exported(Path metricsProm, String strategy, String status) throws Exception {
        String prefix = "tstar_trials_total{space=\"";
        return Files.readAllLines(metricsProm).stream()
                .filter(l -> l.startsWith(prefix) && l.contains("status=\"" + status + "\"")
                        && l.contains("strategy=\"" + strategy + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    @Test
    void nanLossAtLowTemperaturesFailsThoseTrialsAndTheSearchGoesOn() throws Exception {
        // Plain SGD at learning rate 100: the logit gradient scales with 1/T, so low temperatures diverge.
        Path out = dir.resolve("nan");
        CompareCommandTest.Run run = tstar("compare", "--space", space("nan-loss", "sgd", "100").toString(),
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        for (String strategy : List.of("grid", "analytical")) {
            List<CSVRecord> own = trials.stream().filter(r -> r.get("strategy").equals(strategy)).toList();
            List<CSVRecord> failed = own.stream().filter(r -> r.get("status").equals("failed")).toList();
            assertThat(failed).as(strategy).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("reason")).matches("training loss became (NaN|-?Infinity) in epoch \\d+");
                assertThat(r.get("val_accuracy")).isEmpty();
                assertThat(r.get("test_accuracy")).isEmpty();
            });
            assertThat(own).as(strategy + " went on past its failures")
                    .anySatisfy(r -> assertThat(r.get("status")).isEqualTo("completed"));
            assertThat(exported(out.resolve("metrics.prom"), strategy, "failed")).isEqualTo(failed.size());
            assertThat(exported(out.resolve("metrics.prom"), strategy, "completed")).isEqualTo(own.size() - failed.size());
        }
        // The grid's failures are its lowest temperatures; its later trials completed.
        assertThat(trials.stream().filter(r -> r.get("strategy").equals("grid")).map(r -> r.get("status")).toList())
                .startsWith("failed").endsWith("completed");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("trials failed (counted as its worst score");
        assertThat(RunState.read(out).status()).isEqualTo(RunState.Status.COMPLETED);
    }

    @Test
    void whenEveryTrialFailsTheRunSaysSoAndExitsThree() throws Exception {
        Path out = dir.resolve("all-failed");
        CompareCommandTest.Run run = tstar("compare", "--space", space("all-nan", "sgd", "1e30").toString(),
                "--out", out.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).contains("every trial of analytical and grid failed");
        assertThat(read(out.resolve("trials.csv"))).isNotEmpty().allSatisfy(r -> assertThat(r.get("status")).isEqualTo("failed"));
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("**Every trial of the analytical search failed", "**Every trial of the grid search failed");
        RunState state = RunState.read(out);
        assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
        assertThat(state.note()).isEqualTo("every trial of analytical and grid failed");

        Path searchOut = dir.resolve("all-failed-search");
        CompareCommandTest.Run search = tstar("search", "--strategy", "grid", "--space",
                dir.resolve("all-nan.yaml").toString(), "--out", searchOut.toString());
        assertThat(search.code()).isEqualTo(3);
        assertThat(search.out()).contains("every trial failed: no temperature chosen");
    }

    @Test
    void aTrialWhoseDataLoadingThrowsIsAFailedRowAndTheSearchGoesOn() throws Exception {
        // The third temperature's data cannot be read: the trial throws, as a data source mid-run would.
        TemperatureTrial curve = KnownCurves.trial(KnownCurves.bump(2));
        double broken = 0.05 * Math.pow(1000, 2.0 / 6);
        TemperatureTrial trial = t -> {
            if (Math.abs(t / broken - 1) < 1e-9) {
                throw new UncheckedIOException(new java.io.IOException("features.bin: unexpected end of file"));
            }
            return curve.run(t);
        };
        SearchTask task = KnownCurves.task(gridOfSeven(), 2, trial);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(registry);
        ReportFolder folder = ReportFolder.create(dir.resolve("throws"));
        SearchOutcome grid;
        try (TrialLog log = folder.openTrialLog()) {
            grid = task.run(Strategy.GRID, log, List.of(metrics.listener(Strategy.GRID)));
        }
        List<CSVRecord> rows = read(folder.file("trials.csv"));
        assertThat(rows).hasSize(7);
        CSVRecord third = rows.get(2);
        assertThat(third.get("status")).isEqualTo("failed");
        assertThat(third.get("reason")).isEqualTo("UncheckedIOException: java.io.IOException: features.bin: unexpected end of file");
        assertThat(rows.subList(3, 7)).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("completed"));
        assertThat(grid.failedCount()).isEqualTo(1);
        assertThat(grid.chosenResult().orElseThrow().temperature()).isCloseTo(2, org.assertj.core.data.Offset.offset(0.5));
        assertThat(registry.get("tstar.trials").tag("strategy", "grid").tag("status", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("tstar.trials").tag("strategy", "grid").tag("status", "completed").counter().count()).isEqualTo(6);
    }

    private static org.tstar.search.config.SearchSpaceDefinition gridOfSeven() throws Exception {
        String text = Files.readString(Path.of("search-spaces/digits-linear.yaml")).replace("grid: 25", "grid: 7");
        return org.tstar.search.config.SpaceFileReader.parse(text, "grid7.yaml");
    }
}
