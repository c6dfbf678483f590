package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trials at a time train the same models as one at a time (each trial owns its network, seeded; the data
 * are shared read-only), and the trial log and the metrics stay consistent when trials end concurrently.
 */
@Tag("parallel-trials") // its own JVM (src/core/pom.xml)
class ParallelTrialsTest {
    private static final List<String> RESULT_COLUMNS = List.of("status", "epochs", "sample_passes", "flops",
            "val_accuracy", "val_loss", "test_accuracy");

    @TempDir
    Path dir;

    private Path run(int parallelism) throws Exception {
        Path space = dir.resolve("p" + parallelism + ".yaml");
        Files.writeString(space, Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: parallel-" + parallelism)
                .replace("epochs: 20", "epochs: 3")
                .replace("grid: 25", "grid: 8")
                .replace("parallelism: 1", "parallelism: " + parallelism));
        Path out = dir.resolve("out-" + parallelism);
        CompareCommandTest.Run run = tstar("compare", "--space", space.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        return out;
    }

    /** strategy → temperature → the trial's results (timing aside). */
    private static Map<String, Map<Double, List<String>>> results(List<CSVRecord> rows) {
        Map<String, Map<Double, List<String>>> byStrategy = new TreeMap<>();
        for (CSVRecord r : rows) {
            byStrategy.computeIfAbsent(r.get("strategy"), s -> new TreeMap<>()).put(Double.parseDouble(r.get("temperature")),
                    RESULT_COLUMNS.stream().map(r::get).toList());
        }
        return byStrategy;
    }

    private static double exported(Path metrics, String name, String strategy, String status) throws Exception {
        return Files.readAllLines(metrics).stream()
                .filter(l -> l.startsWith(name + "{") && l.contains("strategy=\"" + strategy + "\"")
                        && (status == null || l.contains("status=\"" + status + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void twoTrialsAtATimeGiveTheSameTrialsAsOneAndConsistentReports() throws Exception {
        List<CSVRecord> serial = read(run(1).resolve("trials.csv"));
        Path parallelOut = run(2);
        List<CSVRecord> parallel = read(parallelOut.resolve("trials.csv"));

        Map<String, Map<Double, List<String>>> one = results(serial);
        Map<String, Map<Double, List<String>>> two = results(parallel);
        assertThat(two.get("grid")).isEqualTo(one.get("grid"));
        Set<Double> common = new HashSet<>(one.get("analytical").keySet());
        common.retainAll(two.get("analytical").keySet());
        assertThat(common).as("T̂* and its first neighbours are proposed either way").hasSizeGreaterThanOrEqualTo(3);
        for (double t : common) {
            assertThat(two.get("analytical").get(t)).as("analytical at T = " + t).isEqualTo(one.get("analytical").get(t));
        }

        // Concurrent ends: every row whole, each trial once, and the metrics count what the log holds.
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : parallel) {
            assertThat(r.size()).isEqualTo(org.tstar.report.TrialLog.COLUMNS.size());
            assertThat(ids.add(r.get("strategy") + "#" + r.get("trial"))).isTrue();
        }
        Path metrics = parallelOut.resolve("metrics.prom");
        for (String strategy : List.of("grid", "analytical")) {
            List<CSVRecord> own = parallel.stream().filter(r -> r.get("strategy").equals(strategy)).toList();
            assertThat(exported(metrics, "tstar_trials_total", strategy, null)).isEqualTo(own.size());
            assertThat(exported(metrics, "tstar_epochs_total", strategy, null))
                    .isEqualTo(own.stream().mapToDouble(r -> Double.parseDouble(r.get("epochs"))).sum());
            assertThat(exported(metrics, "tstar_trial_duration_seconds_count", strategy, null)).isEqualTo(own.size());
            assertThat(own.stream().map(r -> Integer.parseInt(r.get("trial"))).collect(Collectors.toSet()))
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, own.size()).boxed().collect(Collectors.toSet()));
        }
    }
}
