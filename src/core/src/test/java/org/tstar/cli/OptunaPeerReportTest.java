package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The Optuna peer table docs/benchmarks.md shows is the one scripts/optuna-peer.sh wrote beside the full suite, and
 * its peer.csv (read back) holds 30 seeds of each of the four variants for every task the seeded halving ran on, at
 * the epochs it spent there.
 */
class OptunaPeerReportTest {
    private static final Path SUITE = Path.of("reports/benchmark/full");

    @Test
    void theDocsTableIsTheRecordedReplays() throws Exception {
        List<String> rows = Files.readString(SUITE.resolve("peer.md")).lines().filter(l -> l.startsWith("| tstar")
                || l.startsWith("| Optuna")).toList();
        assertThat(rows).hasSize(6);
        String docs = Files.readString(Path.of("docs/benchmarks.md"));
        rows.forEach(r -> assertThat(docs).contains(r));

        List<CSVRecord> peer = CompareCommandTest.read(SUITE.resolve("peer.csv"));
        Map<String, Long> perTaskAndVariant = peer.stream()
                .collect(Collectors.groupingBy(r -> r.get("task") + " " + r.get("variant"), Collectors.counting()));
        assertThat(perTaskAndVariant.values()).containsOnly(30L);
        Map<String, String> budgets = CompareCommandTest.read(SUITE.resolve("tasks.csv")).stream()
                .filter(r -> !r.get("analytical_sh_epochs").isEmpty())
                .collect(Collectors.toMap(r -> r.get("task") + "-seed" + r.get("seed"), r -> r.get("analytical_sh_epochs")));
        assertThat(peer.stream().map(r -> r.get("task")).distinct()).containsExactlyInAnyOrderElementsOf(budgets.keySet());
        for (CSVRecord r : peer) {
            assertThat(Double.parseDouble(r.get("budget_epochs"))).isEqualTo(Double.parseDouble(budgets.get(r.get("task"))));
            assertThat(Integer.parseInt(r.get("epochs"))).isLessThanOrEqualTo(Integer.parseInt(r.get("budget_epochs")));
        }
    }
}
