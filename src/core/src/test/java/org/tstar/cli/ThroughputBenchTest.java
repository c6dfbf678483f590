package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                .containsEntry("classes", "100").containsEntry("batch", "256");
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
}
