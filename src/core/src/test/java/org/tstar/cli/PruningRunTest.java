package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.RunState;

/**
 * Learning curves and pruning in real runs: curves.csv holds every trial's epochs and agrees with trials.csv,
 * pruned trials are logged as such with the epochs they used, compare's grid stays the full reference grid, and
 * a run cut off after a pruned trial resumes to the same rows, pruned ones still pruned.
 */
class PruningRunTest {
    @TempDir
    static Path dir;
    static Path space;
    static Path full;

    @BeforeAll
    static void prunedGrid() throws Exception {
        space = CompareCommandTest.digitsSpace(dir, "pruned", 6, 9,
                "pruning:\n  rule: median\n  warmupEpochs: 1\n  startupTrials: 2\n");
        full = dir.resolve("full");
        CompareCommandTest.Run run = tstar("search", "--space", space.toString(), "--strategy", "grid", "--out", full.toString());
        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void curvesAgreeWithTheTrialLogAndPrunedTrialsSayWhereTheyStopped() throws Exception {
        List<CSVRecord> trials = read(full.resolve("trials.csv"));
        List<CSVRecord> pruned = trials.stream().filter(r -> r.get("status").equals("pruned")).toList();
        assertThat(pruned).isNotEmpty();
        assertThat(trials.stream().filter(r -> r.get("status").equals("completed"))).hasSizeGreaterThanOrEqualTo(2);
        Map<String, List<CSVRecord>> curves = read(full.resolve("curves.csv")).stream()
                .collect(Collectors.groupingBy(r -> r.get("trial")));
        for (CSVRecord t : trials) {
            List<CSVRecord> curve = curves.get(t.get("trial"));
            int epochs = Integer.parseInt(t.get("epochs"));
            assertThat(curve).as("trial " + t.get("trial")).extracting(r -> Integer.parseInt(r.get("epoch")))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, epochs).boxed().toList());
            CSVRecord last = curve.get(curve.size() - 1);
            assertThat(last.get("val_accuracy")).isEqualTo(t.get("val_accuracy"));
            assertThat(last.get("val_loss")).isEqualTo(t.get("val_loss"));
            assertThat(last.get("sample_passes")).isEqualTo(t.get("sample_passes"));
            assertThat(last.get("temperature")).isEqualTo(t.get("temperature"));
            if (t.get("status").equals("pruned")) {
                assertThat(epochs).isBetween(2, 5);
                assertThat(t.get("test_accuracy")).isEmpty();
                assertThat(t.get("reason")).isEqualTo("pruned after epoch " + epochs);
            } else {
                assertThat(epochs).isEqualTo(6);
                // five evaluations before the last epoch are the curve's cost
                assertThat(Double.parseDouble(t.get("eval_flops"))).isPositive();
            }
        }
        assertThat(Files.readString(full.resolve("summary.md"))).contains(pruned.size() + " of the grid search's 9 trials were pruned");
        assertThat(Files.readString(full.resolve("metrics.prom")))
                .contains("tstar_trials_total{space=\"pruned\",status=\"pruned\",strategy=\"grid\"} " + pruned.size() + ".0");
    }

    @Test
    void compareKeepsTheFullGridAsItsReference() throws Exception {
        Path compared = dir.resolve("compared");
        CompareCommandTest.Run run = tstar("compare", "--space", space.toString(), "--out", compared.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> grid = read(compared.resolve("trials.csv")).stream().filter(r -> r.get("strategy").equals("grid")).toList();
        assertThat(grid).hasSize(9).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("completed"));
    }

    @Test
    void aRunCutOffAfterAPrunedTrialResumesToTheSameRows() throws Exception {
        List<String> lines = Files.readAllLines(full.resolve("trials.csv"));
        int firstPruned = 1;
        while (!lines.get(firstPruned).contains(",pruned,")) {
            firstPruned++;
        }
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        for (String f : List.of("space.yaml", "curves.csv")) {
            Files.copy(full.resolve(f), cut.resolve(f));
        }
        // killed just after the first pruned trial's row, and in the middle of the next trial's second epoch row
        Files.write(cut.resolve("trials.csv"), lines.subList(0, firstPruned + 1).stream().map(l -> l + "\r\n")
                .collect(Collectors.joining()).getBytes());
        Files.writeString(cut.resolve("curves.csv"), "grid,99,0.5,2,1", StandardOpenOption.APPEND);
        Files.writeString(cut.resolve(RunState.FILE), Files.readString(full.resolve(RunState.FILE))
                .replace("status: 'completed'", "status: 'running'").replace("resumable: 'false'", "resumable: 'true'"));

        CompareCommandTest.Run resumed = tstar("search", "--space", space.toString(), "--strategy", "grid", "--resume",
                cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("PRUNED").contains("(from trials.csv)");
        assertThat(withoutSeconds(read(cut.resolve("trials.csv")))).isEqualTo(withoutSeconds(read(full.resolve("trials.csv"))));
        assertThat(read(cut.resolve("curves.csv")).stream().map(CSVRecord::toList).toList())
                .isEqualTo(read(full.resolve("curves.csv")).stream().map(CSVRecord::toList).toList());
    }

    @Test
    void aSeededHalvingRunKeepsItsBudgetAndResumesWithPrunedTrialsStillPruned() throws Exception {
        Path halving = CompareCommandTest.digitsSpace(dir, "halving", 6, 9, "");
        Path whole = dir.resolve("halving-whole");
        CompareCommandTest.Run run = tstar("search", "--space", halving.toString(), "--strategy", "analytical-sh", "--out",
                whole.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> rows = read(whole.resolve("trials.csv"));
        // η 2 from a quarter of 6 epochs: rungs 1, 3, 6 within 2.5 full trials (15 epochs): 6 at 1 → 3 at 3 → 1 at 6,
        // 6 + 3·2 + 3 = 15
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().mapToInt(r -> Integer.parseInt(r.get("epochs"))).sum()).isEqualTo(15);
        assertThat(rows.stream().filter(r -> r.get("status").equals("completed")).toList()).singleElement()
                .satisfies(r -> assertThat(r.get("epochs")).isEqualTo("6"));
        assertThat(rows.stream().filter(r -> r.get("status").equals("pruned")).map(r -> r.get("epochs")))
                .containsExactlyInAnyOrder("1", "1", "1", "3", "3");
        assertThat(Files.readString(whole.resolve("summary.md"))).contains("6 at 1 epoch → 3 at 3 epochs → 1 at 6 epochs");

        Path cut = dir.resolve("halving-cut");
        Files.createDirectories(cut);
        for (String f : List.of("space.yaml", "curves.csv")) {
            Files.copy(whole.resolve(f), cut.resolve(f));
        }
        // killed after the first three rows (trials pruned at the first rung) were written
        List<String> lines = Files.readAllLines(whole.resolve("trials.csv"));
        Files.write(cut.resolve("trials.csv"), lines.subList(0, 4).stream().map(l -> l + "\r\n")
                .collect(Collectors.joining()).getBytes());
        Files.writeString(cut.resolve(RunState.FILE), Files.readString(whole.resolve(RunState.FILE))
                .replace("status: 'completed'", "status: 'running'").replace("resumable: 'false'", "resumable: 'true'"));
        CompareCommandTest.Run resumed = tstar("search", "--space", halving.toString(), "--strategy", "analytical-sh",
                "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("(from trials.csv)");
        assertThat(byTrial(withoutSeconds(read(cut.resolve("trials.csv")))))
                .isEqualTo(byTrial(withoutSeconds(read(whole.resolve("trials.csv")))));
        assertThat(sorted(read(cut.resolve("curves.csv")))).isEqualTo(sorted(read(whole.resolve("curves.csv"))));
    }

    @Test
    void pruningNoneWithCurvesReproducesTheRowsOfARunWithoutEither() throws Exception {
        Path plain = CompareCommandTest.digitsSpace(dir, "plain", 4, 5, "");
        Path none = CompareCommandTest.digitsSpace(dir, "plain-none", 4, 5, "pruning: {rule: none}\nlearningCurves: true\n");
        CompareCommandTest.Run a = tstar("search", "--space", plain.toString(), "--strategy", "grid", "--out",
                dir.resolve("plain-out").toString());
        CompareCommandTest.Run b = tstar("search", "--space", none.toString(), "--strategy", "grid", "--out",
                dir.resolve("none-out").toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        List<Map<String, String>> without = withoutSeconds(read(dir.resolve("plain-out/trials.csv")));
        List<Map<String, String>> with = withoutSeconds(read(dir.resolve("none-out/trials.csv")));
        // the curve's evaluations are counted apart; every other cell is the same
        with.forEach(r -> r.put("eval_flops", "0"));
        without.forEach(r -> r.put("eval_flops", "0"));
        assertThat(with).isEqualTo(without).hasSize(5);
        assertThat(read(dir.resolve("none-out/curves.csv"))).hasSize(5 * 4);
        assertThat(read(dir.resolve("plain-out/curves.csv"))).isEmpty();
    }

    private static List<Map<String, String>> byTrial(List<Map<String, String>> rows) {
        return rows.stream().sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.get("trial")))).toList();
    }

    private static List<String> sorted(List<CSVRecord> rows) {
        return rows.stream().map(r -> String.join(",", r.toList())).sorted().toList();
    }

    private static List<Map<String, String>> withoutSeconds(List<CSVRecord> rows) {
        return rows.stream().map(r -> {
            Map<String, String> m = r.toMap();
            m.remove("seconds");
            return m;
        }).toList();
    }
}
