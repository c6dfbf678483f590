package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tstar.MachineTolerance;
import org.tstar.SignificantDigits;
import org.tstar.estimate.CoefficientProvenance;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.SuiteTables;

/**
 * {@code tstar bench --suite} on a two-task suite writes tasks.csv that reads back to what it ran, and
 * a grid-only suite runs the grid alone, {@code tstar fit} on the committed benchmarks reproduces the shipped
 * {@code fitted} coefficients and {@code prior}, and the
 * results tables of docs/benchmarks.md (and README's targets) are the ones generated from that benchmark.
 */
class BenchmarkSuiteTest {
    @TempDir
    Path dir;

    @Test
    void aSmallSuiteWritesTasksCsvThatReadsBack() throws Exception {
        Path suite = dir.resolve("tiny.yaml");
        Files.writeString(suite, """
                name: tiny
                seeds: [42, 43]
                grid: {points: 6, min: 0.05, max: 50}
                tasks:
                  - name: digits-a
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 2}, analytical: {maxTrials: 4}}
                  - name: digits-b
                    dataset: digits
                    seeds: [7]
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 1}, temperature: {grid: 4}}
                """);
        Path out = dir.resolve("bench");
        CompareCommandTest.Run run = tstar("bench", "--suite", suite.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<BenchmarkTable.Row> all = BenchmarkTable.read(out.resolve("tasks.csv"));
        assertThat(all).extracting(r -> r.text("task") + "@" + r.text("seed")).containsExactly("digits-a@42", "digits-a@43", "digits-b@7");
        // a task's own grid replaces the suite's
        assertThat(all.get(2).number("grid_trials")).isEqualTo(4);
        List<BenchmarkTable.TaskStatistics> statistics = BenchmarkTable.readStatistics(out.resolve("statistics.csv"));
        assertThat(statistics).hasSize(3);
        assertThat(statistics.get(0).statistics().get("dim")).isEqualTo(64);
        assertThat(statistics.get(0).statistics().get("nClasses")).isEqualTo(10);
        assertThat(statistics.get(1).statistics()).isEqualTo(statistics.get(0).statistics());
        assertThat(statistics.get(2).gridTemperature()).isEqualTo(all.get(2).number("grid_t"));
        List<BenchmarkTable.Row> rows = all.subList(0, 2);
        for (BenchmarkTable.Row r : rows) {
            assertThat(r.number("M")).isEqualTo(64);
            assertThat(r.number("C")).isEqualTo(10);
            assertThat(r.number("grid_trials")).isEqualTo(6);
            assertThat(r.number("analytical_trials")).isBetween(1.0, 4.0);
            assertThat(r.number("random_trials")).isEqualTo(r.number("analytical_trials"));
            assertThat(r.number("saved_epochs")).isEqualTo(1 - r.number("analytical_epochs") / r.number("grid_epochs"));
            assertThat(r.number("gap_pp")).isCloseTo(100 * (r.number("grid_test_accuracy") - r.number("analytical_test_accuracy")),
                    org.assertj.core.data.Offset.offset(1e-9));
            // 2 epochs: rungs 1 and 2 within 2.5 full trials (5 epochs): 4 temperatures at 1 epoch, 1 continued
            for (String p : List.of("analytical_sh", "sh", "hyperband")) {
                assertThat(r.number(p + "_epochs")).as(p).isBetween(2.0, 5.0);
                // Hyperband's first bracket on two rungs starts ⌈(1 + 1)/2 · 2⌉ = 2; its full-trial bracket does not fit
                assertThat(r.number(p + "_trials")).as(p).isEqualTo(p.equals("hyperband") ? 2 : 4);
                assertThat(r.number(p + "_gap_pp")).as(p).isCloseTo(100 * (r.number("grid_test_accuracy")
                        - r.number(p + "_test_accuracy")), org.assertj.core.data.Offset.offset(1e-9));
            }
            // random search at equal epochs: as many full trials as the seeded halving's epochs buy
            assertThat(r.number("random_eq_trials")).isEqualTo(Math.max(1, Math.floor(r.number("analytical_sh_epochs") / 2)));
            Path taskFolder = out.resolve("digits-a-seed" + r.text("seed"));
            List<org.apache.commons.csv.CSVRecord> logged = CompareCommandTest.read(taskFolder.resolve("trials.csv"));
            assertThat(logged).hasSize((int) (r.number("grid_trials") + r.number("analytical_trials")
                    + Math.max(r.number("random_trials"), r.number("random_eq_trials")) + 4 + 4 + 2));
            assertThat(logged.stream().filter(l -> l.get("strategy").equals("analytical-sh") && l.get("status").equals("pruned")))
                    .hasSize(3);
        }
        // one epoch affords no rungs: the task's multi-fidelity cells stay empty, the suite goes on
        assertThat(all.get(2).text("analytical_sh_epochs")).isEmpty();
        assertThat(all.get(2).text("random_eq_trials")).isEmpty();
        assertThat(out.resolve("summary.md")).content().contains("| digits-a | 64 | 10 |", "Made by: `bin/tstar bench --suite",
                // 1-4 analytical trials against a 6- or 4-point grid cannot be 10 % of it: the miss is explained
                "### Where targets were missed", "- Epochs: the analytical search ran");

        // suites keep every trial's learning curve, and bench fidelity reads the grids' curves back
        CompareCommandTest.Run fidelity = tstar("bench", "fidelity", "--reports", out.toString());
        assertThat(fidelity.code()).as(fidelity.err()).isZero();
        List<org.apache.commons.csv.CSVRecord> measured = CompareCommandTest.read(out.resolve("fidelity.csv"));
        assertThat(measured).extracting(r -> r.get("task"))
                .containsExactly("digits-a-seed42", "digits-a-seed43", "digits-b-seed7");
        for (org.apache.commons.csv.CSVRecord m : measured) {
            assertThat(Double.parseDouble(m.get("rho_half"))).isBetween(-1.0, 1.0);
            List<org.apache.commons.csv.CSVRecord> curves = CompareCommandTest.read(out.resolve(m.get("task")).resolve("curves.csv"));
            assertThat(curves.stream().filter(c -> c.get("strategy").equals("grid")).map(c -> c.get("trial")).distinct())
                    .hasSize(Integer.parseInt(m.get("grid_points")));
        }

        // and replays seeded successive halving on those curves under each setting (4 ranked by the rung's score, 2 by
        // the extrapolated final score), the one-epoch task left out
        List<org.apache.commons.csv.CSVRecord> replayed = CompareCommandTest.read(out.resolve("halving-replay.csv"));
        assertThat(replayed).extracting(r -> r.get("task")).containsOnly("digits-a-seed42", "digits-a-seed43").hasSize(12);
        assertThat(replayed).extracting(r -> r.get("ranking")).containsOnly("score", "extrapolated");
        assertThat(replayed).extracting(r -> r.get("kept_best")).containsOnly("0", "1");
        assertThat(out.resolve("halving-replay.md")).content().contains("| η 2, first rung at a quarter of the epochs | 2 |",
                "| η 2, first rung at a quarter of the epochs, ranked by the extrapolated final score | 2 |");

        Path coefficients = dir.resolve("k.yaml");
        CompareCommandTest.Run refused = tstar("fit", "--reports", out.toString(), "--out", coefficients.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("cannot fit");
    }

    @Test
    void aBadTaskIsRefusedBeforeAnythingTrainsAndMissingDataStopsTheRunSayingWhere() throws Exception {
        Path suite = dir.resolve("bad.yaml");
        Files.writeString(suite, """
                name: bad
                tasks:
                  - name: ok
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                  - name: broken
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 0}}
                """);
        Path out = dir.resolve("never");
        CompareCommandTest.Run run = tstar("bench", "--suite", suite.toString(), "--out", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains("bad.yaml", "task broken", "epochs");
        assertThat(out).doesNotExist();

        Files.writeString(suite, """
                name: missing
                grid: {points: 3, min: 0.1, max: 10}
                tasks:
                  - name: ok
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 1}}
                  - name: no-files
                    dataset: elsewhere
                    space: search-spaces/digits-linear.yaml
                    with: {data: {source: "csv:%s"}}
                """.formatted(dir.resolve("absent.csv")));
        run = tstar("bench", "--suite", suite.toString(), "--out", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains("task no-files seed 42", "absent.csv");
        assertThat(BenchmarkTable.read(out.resolve("tasks.csv"))).extracting(r -> r.text("task")).containsExactly("ok");
        assertThat(out.resolve("run-state.yaml")).content().contains("status: 'failed'", "no-files");
        assertThat(out.resolve("summary.md")).doesNotExist();
    }

    @Test
    void aGridOnlySuiteRunsTheGridAloneAndLeavesTheOtherSearchesEmpty() throws Exception {
        Path suite = dir.resolve("grid.yaml");
        Files.writeString(suite, """
                name: grid-only
                searches: grid
                grid: {points: 5, min: 0.05, max: 50}
                tasks:
                  - name: digits-g
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 1}}
                """);
        Path out = dir.resolve("grid-bench");
        CompareCommandTest.Run run = tstar("bench", "--suite", suite.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        BenchmarkTable.Row row = BenchmarkTable.read(out.resolve("tasks.csv")).get(0);
        assertThat(row.number("grid_trials")).isEqualTo(5);
        assertThat(row.number("grid_t")).isPositive();
        assertThat(row.number("grid_test_accuracy")).isBetween(0.5, 1.0);
        assertThat(row.text("analytical_t")).isEmpty();
        assertThat(row.text("random_trials")).isEmpty();
        assertThat(BenchmarkTable.gridOnly(row)).isTrue();
        // every trial in the log is the grid's, and the summary says no other search ran
        assertThat(CompareCommandTest.read(out.resolve("digits-g-seed42").resolve("trials.csv")))
                .extracting(r -> r.get("strategy")).containsOnly("grid").hasSize(5);
        assertThat(out.resolve("summary.md")).content().contains("(grid only)").contains("| digits-g | digits | 42 |");
        Files.writeString(suite, Files.readString(suite).replace("searches: grid", "searches: halving"));
        CompareCommandTest.Run refused = tstar("bench", "--suite", suite.toString(), "--out", dir.resolve("b2").toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("searches").contains("must be all or grid").doesNotContain("\n");
    }

    @Test
    void fitRefusesABadHeldOutDatasetAndAPriorItCannotChooseWritingNothing() throws Exception {
        Path out = dir.resolve("k.yaml");
        CompareCommandTest.Run unknown = tstar("fit", "--reports", "reports/benchmark/quick", "--hold-out", "cifar",
                "--out", out.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("tstar: --hold-out: no dataset 'cifar' in the reports (they have ")
                .doesNotContain("\n");
        // two datasets left to fit on: the formula is refitted, a prior cannot be chosen by leave-one-dataset-out error
        String[] twoLeft = {"--hold-out", "mixture-b", "mixture-c"};
        CompareCommandTest.Run two = tstar(concat(new String[] {"fit", "--reports", "reports/benchmark/quick", "--out",
                out.toString()}, twoLeft));
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(two.out()).contains("No transfer prior").contains("2 dataset(s)");
        Files.delete(out);
        CompareCommandTest.Run refused = tstar(concat(new String[] {"fit", "--reports", "reports/benchmark/quick", "--out",
                out.toString(), "--prior", dir.resolve("p.yaml").toString()}, twoLeft));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("tstar: --prior: no prior was fitted").doesNotContain("\n");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("p.yaml")).doesNotExist();
    }

    @Test
    void fitOnTheCommittedBenchmarkReproducesTheShippedFittedSet() throws Exception {
        TemperatureCoefficients shipped = TemperatureCoefficients.load("fitted");
        // the shipped set names the command that made it: run it again on the committed reports
        String source = shipped.provenance().source();
        assertThat(source).startsWith("tstar fit --reports reports/benchmark/");
        List<String> reports = List.of(source.substring("tstar fit --reports ".length()).split(" "));
        Path written = dir.resolve("fitted.yaml");
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--reports"));
        args.addAll(reports);
        Path prior = dir.resolve("prior.yaml");
        args.addAll(List.of("--out", written.toString(), "--prior", prior.toString()));
        // the fit computes every task's predictors from its data: the MNIST tasks need MNIST, the real suite its CSVs
        org.tstar.data.MnistFetchTest.fetchMnist();
        if (reports.contains("reports/benchmark/real")) {
            org.tstar.data.RealDataFetchTest.fetchReal();
        }
        CompareCommandTest.Run run = tstar(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        // the committed reports were fitted on another CPU: fitted numbers agree to MachineTolerance.FITTED_RELATIVE,
        // the recorded error to the last of its digits, the words exactly
        TemperatureCoefficients refit = TemperatureCoefficients.load(written.toString());
        double relative = MachineTolerance.FITTED_RELATIVE;
        assertThat(refit.alpha()).isCloseTo(shipped.alpha(), MachineTolerance.relative(shipped.alpha(), relative));
        assertThat(refit.beta()).isCloseTo(shipped.beta(), MachineTolerance.relative(shipped.beta(), relative));
        assertThat(refit.gamma()).isCloseTo(shipped.gamma(), MachineTolerance.relative(shipped.gamma(), relative));
        assertThat(refit.delta()).isCloseTo(shipped.delta(), MachineTolerance.relative(shipped.delta(), relative));
        assertSameProvenance(refit.provenance(), shipped.provenance());
        // the shipped prior too: the same predictors, weights and provenance
        TransferPrior shippedPrior = TransferPrior.load("prior");
        TransferPrior refitPrior = TransferPrior.load(prior.toString());
        assertThat(refitPrior.predictors()).isEqualTo(shippedPrior.predictors());
        assertSameProvenance(refitPrior.provenance(), shippedPrior.provenance());
        for (int j = 0; j < shippedPrior.weights().length; j++) {
            assertThat(refitPrior.weights()[j]).as("prior weight %d", j)
                    .isCloseTo(shippedPrior.weights()[j], MachineTolerance.relative(shippedPrior.weights()[j], relative));
        }
        assertThat(refitPrior.residualScale()).as("prior residual scale (calibrated)")
                .isCloseTo(shippedPrior.residualScale(), MachineTolerance.relative(shippedPrior.residualScale(), relative));
        // and the fit report committed beside the benchmark is the one this fit prints, to its printed digits
        String committed = Files.readString(Path.of(reports.get(0), "fit.md")).strip();
        String printed = run.out();
        String firstLine = committed.lines().findFirst().orElseThrow();
        assertThat(printed).contains(firstLine);
        List<String> lines = printed.substring(printed.indexOf(firstLine)).lines().toList();
        int length = (int) committed.lines().count();
        assertThat(lines.size()).isGreaterThanOrEqualTo(length);
        MachineTolerance.assertSamePrintedText(String.join("\n", lines.subList(0, length)), committed);
    }

    private static void assertSameProvenance(CoefficientProvenance actual, CoefficientProvenance expected) {
        assertThat(actual.source()).isEqualTo(expected.source());
        assertThat(actual.fittedOn()).isEqualTo(expected.fittedOn());
        assertThat(actual.date()).isEqualTo(expected.date());
        assertThat(actual.crossValidatedLogError()).isCloseTo(expected.crossValidatedLogError(),
                MachineTolerance.lastDigit(expected.crossValidatedLogError(), SignificantDigits.REPORTED));
    }

    @Test
    void theDocsResultsTablesAreTheOnesGeneratedFromTheCommittedBenchmarks() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String benchmarks = Files.readString(Path.of("docs/benchmarks.md"));
        for (String suite : List.of("full", "quick")) {
            List<BenchmarkTable.Row> rows = BenchmarkTable.read(Path.of("reports/benchmark", suite, "tasks.csv"));
            assertThat(benchmarks).as(suite).contains(SuiteTables.resultsTable(rows)).contains(SuiteTables.targets(rows));
            // the summary explains each missed target from the rows themselves
            assertThat(Path.of("reports/benchmark", suite, "summary.md")).content().contains(SuiteTables.misses(rows));
        }
        // the front page shows the full suite's targets
        assertThat(readme).contains(SuiteTables.targets(BenchmarkTable.read(Path.of("reports/benchmark/full/tasks.csv"))));
        // the prior's side-by-side table, its targets and the refit's table are fit.md's
        // (fit.md sits in the first folder the shipped fit read)
        String firstFolder = TemperatureCoefficients.load("fitted").provenance().source().split(" ")[3];
        String fit = Files.readString(Path.of(firstFolder, "fit.md"));
        String prior = Files.readString(Path.of("docs/prior.md"));
        for (String header : List.of("| predictor | cross-validated", "| target | measured | |\n|---|---:|---|\n| prior",
                "| least squares in |")) {
            assertThat(prior).as(header).contains(table(fit, header));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    /** The markdown table of {@code text} that starts with {@code header}: its lines up to the first blank one. */
    private static String table(String text, String header) {
        int start = text.indexOf(header);
        assertThat(start).as(header).isNotNegative();
        int end = text.indexOf("\n\n", start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
