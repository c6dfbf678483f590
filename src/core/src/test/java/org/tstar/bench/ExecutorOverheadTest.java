package org.tstar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tstar.report.BenchmarkTable;

/** The executor benchmark counts result cells that differ between two runs, and only those: timing and date aside. */
class ExecutorOverheadTest {
    private static BenchmarkTable.Row row(String gridT, String seconds, String date) {
        return new BenchmarkTable.Row(Map.of("task", "digits", "grid_t", gridT, "grid_seconds", seconds,
                "saved_seconds", seconds, "date", date));
    }

    @Test
    void theSparkPageShowsTheCommittedExecutorBenchmark() throws java.io.IOException {
        String summary = java.nio.file.Files.readString(java.nio.file.Path.of("reports/benchmark/executor-quick/summary.md"));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("docs/spark.md"));
        List<String> table = summary.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(table).hasSize(4);
        table.forEach(line -> assertThat(readme).contains(line));
        assertThat(summary).contains("differ in 0 cells outside timing columns (identical)");
    }

    @Test
    void timingAndDateDoNotCountButResultsAndMissingRowsDo() {
        List<BenchmarkTable.Row> local = List.of(row("0.5", "12.1", "2026-12-01"), row("2", "3", "2026-12-01"));
        assertThat(ExecutorOverhead.differingCells(local,
                List.of(row("0.5", "14.9", "2026-12-03"), row("2", "4", "2026-12-03")))).isZero();
        assertThat(ExecutorOverhead.differingCells(local,
                List.of(row("0.5", "12.1", "2026-12-01"), row("2.5", "3", "2026-12-01")))).isEqualTo(1);
        assertThat(ExecutorOverhead.differingCells(local, List.of(row("0.5", "12.1", "2026-12-01")))).isEqualTo(1);
    }
}
