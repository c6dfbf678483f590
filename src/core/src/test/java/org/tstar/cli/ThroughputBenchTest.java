package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tstar bench throughput} measures in a child JVM per OMP_NUM_THREADS value and writes rows that read
 * back with the workload's shape; bad options are refused before anything runs.
 */
class ThroughputBenchTest {
    @TempDir
    Path dir;

    @Test
    void measuresInAChildJvmAndWritesRowsThatReadBack() throws Exception {
        Path out = dir.resolve("bench").resolve("throughput.csv");
        CompareCommandTest.Run run = tstar("bench", "throughput", "--workloads", "bn-linear,runner-overhead", "--rows", "512",
                "--threads", "1", "--repeats", "1", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<Map<String, String>> rows = CompareCommandTest.read(out).stream().map(r -> r.toMap()).toList();
        assertThat(rows).extracting(r -> r.get("workload")).containsExactly("bn-linear", "runner-overhead");
        Map<String, String> linear = rows.get(0);
        assertThat(linear).containsEntry("omp_threads", "1").containsEntry("rows", "512").containsEntry("width", "512")
                .containsEntry("classes", "100").containsEntry("batch", "256")
                // the child trained on the build this JVM chose, handed on as -D
                .containsEntry("nd4j_build", org.tstar.model.Nd4jNativeBuild.selectBeforeNd4jLoads().build());
        // BN (2 × 512 trainable) + dense 512 × 100 + 100 biases
        assertThat(Long.parseLong(linear.get("parameters"))).isEqualTo(2 * 512 + 512 * 100 + 100);
        assertThat(Double.parseDouble(linear.get("samples_per_second"))).isPositive();
        assertThat(Double.parseDouble(linear.get("seconds_per_epoch")) * Double.parseDouble(linear.get("samples_per_second")))
                .isCloseTo(512, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(Double.parseDouble(rows.get(1).get("overhead_ms_per_candidate"))).isNotNegative();
        assertThat(run.out()).contains("| bn-linear | 1 | 512 × 512 → 100 |");
    }

    @Test
    void badOptionsAreOneLineAndWriteNothing() throws Exception {
        Path out = dir.resolve("t.csv");
        for (String[] bad : List.of(new String[] {"--threads", "0"}, new String[] {"--workloads", "gpu"},
                new String[] {"--rows", "10"}, new String[] {"--repeats", "0"})) {
            String[] args = {"bench", "throughput", bad[0], bad[1], "--out", out.toString()};
            CompareCommandTest.Run run = tstar(args);
            assertThat(run.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains(bad[0]);
            assertThat(out).doesNotExist();
        }
    }

    /**
     * The peer table docs/benchmarks.md shows is the one scripts/throughput-peer.sh wrote, and its ratios are the
     * medians of the rounds in throughput-peer.csv (read back with Commons CSV), tstar's over PyTorch's.
     */
    @Test
    void thePeerTableInTheDocsIsTheOneTheRecordedRoundsGive() throws Exception {
        String table = Files.readString(Path.of("reports/benchmark/throughput-peer.md"));
        String docs = Files.readString(Path.of("docs/benchmarks.md"));
        List<String> rows = table.lines().filter(l -> l.startsWith("| BN") || l.startsWith("| MNIST")).toList();
        assertThat(rows).hasSize(2);
        rows.forEach(r -> assertThat(docs).contains(r));
        Map<String, List<Double>> speeds = new TreeMap<>();
        try (CSVParser csv = CSVParser.parse(Path.of("reports/benchmark/throughput-peer.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord r : csv) {
                speeds.computeIfAbsent(r.get("framework") + " " + r.get("build") + " " + r.get("workload"), k -> new ArrayList<>())
                        .add(Double.parseDouble(r.get("samples_per_second")));
            }
        }
        assertThat(speeds.keySet()).containsExactly("pytorch openblas bn-linear", "pytorch openblas mnist-mlp",
                "tstar avx2 bn-linear", "tstar avx2 mnist-mlp", "tstar generic bn-linear", "tstar generic mnist-mlp");
        // the ratio is the build chosen at launch (the generic one, tstar's default), both builds' medians shown
        assertThat(table).contains("the build it chose at launch (generic)");
        for (String[] w : new String[][] {{"bn-linear", "| BN"}, {"mnist-mlp", "| MNIST"}}) {
            double ratio = median(speeds.get("tstar generic " + w[0])) / median(speeds.get("pytorch openblas " + w[0]));
            String row = rows.stream().filter(r -> r.startsWith(w[1])).findFirst().orElseThrow();
            assertThat(row).contains(String.format(Locale.ROOT, "| %,.0f | %,.0f |", median(speeds.get("tstar generic " + w[0])),
                    median(speeds.get("tstar avx2 " + w[0])))).endsWith(String.format(Locale.ROOT, "| %.2f |", ratio));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
