package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tstar.report.RunSummary;

/** {@code tstar compare} and {@code tstar search} end to end on a small digits space, and their refusals. */
class CompareCommandTest {
    private static final Pattern TRIAL_LINE = Pattern.compile(
            "^(analytical|grid|random)\\s+#(\\d+)\\s+T = (\\S+)\\s+(completed|FAILED)\\s+val acc (\\S+)\\s+val loss (\\S+)\\s+test acc (\\S+)");

    @TempDir
    static Path dir;
    static Path space;

    @BeforeAll
    static void writeSmallSpace() throws IOException {
        String text = Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: digits-small")
                .replace("epochs: 20", "epochs: 3")
                .replace("grid: 25", "grid: 7");
        space = dir.resolve("small.yaml");
        Files.writeString(space, text);
    }

    record Run(int code, String out, String err) {
    }

    /**
     * A copy of the default digits space in {@code dir} as {@code name}.yaml, renamed, with fewer epochs and grid
     * points and {@code extra} appended (a YAML block or ""): the small space most end-to-end tests run.
     */
    static Path digitsSpace(Path dir, String name, int epochs, int grid, String extra) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: " + name)
                .replace("epochs: 20", "epochs: " + epochs)
                .replace("grid: 25", "grid: " + grid) + extra);
        return file;
    }

    static Run tstar(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TstarCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    @Test
    void compareWritesReportsThatReadBackToWhatItPrinted() throws IOException {
        Path out = dir.resolve("compare");
        Run run = tstar("compare", "--space", space.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(out.resolve("trials.csv")).exists();
        assertThat(out.resolve("comparison.csv")).exists();
        assertThat(out.resolve("summary.md")).exists();
        for (String f : List.of("temperature-curve.png", "temperature-curve.svg", "compute.png", "compute.svg", "metrics.prom")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.list(out).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));

        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        List<Matcher> printed = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            Matcher m = TRIAL_LINE.matcher(line);
            if (m.find()) {
                printed.add(m);
            }
        }
        assertThat(trials).hasSameSizeAs(printed);
        assertThat(trials.stream().filter(r -> r.get("strategy").equals("grid"))).hasSize(7);
        assertThat(trials.stream().filter(r -> r.get("strategy").equals("analytical")).count()).isBetween(3L, 8L);
        for (int i = 0; i < trials.size(); i++) {
            CSVRecord row = trials.get(i);
            Matcher m = printed.get(i);
            assertThat(row.get("strategy")).isEqualTo(m.group(1));
            assertThat(row.get("trial")).isEqualTo(m.group(2));
            assertThat(RunSummary.temperature(number(row.get("temperature")))).isEqualTo(m.group(3));
            assertThat(RunSummary.accuracy(number(row.get("val_accuracy")))).isEqualTo(m.group(5));
            assertThat(RunSummary.number(number(row.get("val_loss")))).isEqualTo(m.group(6));
            assertThat(RunSummary.accuracy(number(row.get("test_accuracy")))).isEqualTo(m.group(7));
            assertThat(row.get("epochs")).isEqualTo("3");
        }

        List<CSVRecord> comparison = read(out.resolve("comparison.csv"));
        assertThat(comparison.stream().map(r -> r.get("measure"))).contains("trials", "epochs", "sample_passes",
                "seconds", "flops", "chosen_temperature", "estimated_temperature", "test_accuracy");
        for (CSVRecord row : comparison) {
            String expected = String.format("%-24s %14s %14s %12s", row.get("measure"),
                    RunSummary.quantity(number(row.get("grid"))), RunSummary.quantity(number(row.get("analytical"))),
                    RunSummary.quantity(number(row.get("comparison"))));
            assertThat(run.out()).contains(expected);
        }
        CSVRecord trialsRow = comparison.stream().filter(r -> r.get("measure").equals("trials")).findFirst().orElseThrow();
        long analyticalTrials = trials.stream().filter(r -> r.get("strategy").equals("analytical")).count();
        assertThat(number(trialsRow.get("grid"))).isEqualTo(7);
        assertThat(number(trialsRow.get("analytical"))).isEqualTo(analyticalTrials);
        assertThat(number(trialsRow.get("comparison"))).isEqualTo(1 - analyticalTrials / 7.0);

        String exposition = Files.readString(out.resolve("metrics.prom"));
        assertThat(exposition).contains("tstar_trials_total{space=\"digits-small\",status=\"completed\",strategy=\"grid\"} 7.0")
                .contains("tstar_trials_total{space=\"digits-small\",status=\"completed\",strategy=\"analytical\"} "
                        + analyticalTrials + ".0");

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("saved", "Accuracy gap", "test accuracy at chosen T", "T̂* =",
                "bin/tstar compare --space " + space);
    }

    @Test
    void searchWithTheGridStrategyWritesItsTrialLogAndSummary() throws IOException {
        Path out = dir.resolve("grid");
        Run run = tstar("search", "--space", space.toString(), "--strategy", "grid", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        assertThat(trials).hasSize(7).allMatch(r -> r.get("strategy").equals("grid"));
        assertThat(trials.stream().map(r -> r.get("temperature")).distinct()).hasSize(7);
        assertThat(out.resolve("summary.md")).exists();
        assertThat(out.resolve("temperature-curve.png")).isNotEmptyFile();
        assertThat(out.resolve("metrics.prom")).content().contains("tstar_trials_total");
        assertThat(out.resolve("comparison.csv")).doesNotExist();
        assertThat(out.resolve("compute.png")).doesNotExist();
    }

    static Stream<Arguments> badSpaces() {
        String base;
        try {
            base = Files.readString(Path.of("search-spaces/digits-linear.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Stream.of(
                Arguments.of("not YAML", "name: [unclosed\n  - x: {", "not valid YAML"),
                Arguments.of("unknown key", base.replace("score: accuracy", "score: accuracy\nwarmup: 3"), "warmup"),
                Arguments.of("Tmin ≥ Tmax", base.replace("max: 50", "max: 0.05"), "temperature.max"),
                Arguments.of("grid < 2", base.replace("grid: 25", "grid: 1"), "temperature.grid"),
                Arguments.of("maxTrials < 1", base.replace("maxTrials: 8", "maxTrials: 0"), "analytical.maxTrials"),
                Arguments.of("missing data file", base.replace("source: digits", "source: csv:/nonexistent/x.csv"),
                        "x.csv: no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpaces")
    void aRefusedSpaceIsOneLineExitTwoAndLeavesNoReportFolder(String name, String text, String expected) throws IOException {
        Path file = dir.resolve(name.replaceAll("\\W+", "_") + ".yaml");
        Files.writeString(file, text);
        Path out = dir.resolve("out-" + file.getFileName());
        for (String command : List.of("compare", "search")) {
            Run run = tstar(command, "--space", file.toString(), "--out", out.toString());
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).startsWith("tstar: ").contains(file.toString()).contains(expected)
                    .doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aNonEmptyOutFolderIsRefusedAndLeftAsItWas() throws IOException {
        Path out = Files.createDirectories(dir.resolve("used"));
        Files.writeString(out.resolve("summary.md"), "an earlier run");
        Run run = tstar("compare", "--space", space.toString(), "--out", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("folder is not empty");
        assertThat(Files.readString(out.resolve("summary.md"))).isEqualTo("an earlier run");
        assertThat(out.resolve("trials.csv")).doesNotExist();
    }

    @Test
    void anUnknownStrategyIsRefused() {
        Run run = tstar("search", "--space", space.toString(), "--strategy", "bayes", "--out", dir.resolve("x").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'bayes' is not analytical, grid, random, analytical-sh, sh or hyperband");
        assertThat(dir.resolve("x")).doesNotExist();
        // compare sets a seeded search against the grid: the grid itself or an unseeded one is refused
        Run compare = tstar("compare", "--space", space.toString(), "--strategy", "sh", "--out", dir.resolve("y").toString());
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err().strip()).isEqualTo("tstar: --strategy: 'sh' is not a seeded search (analytical or analytical-sh)");
        assertThat(dir.resolve("y")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--metrics-port 70000 | --metrics-port: 70000 is not a port (0..65535)",
        "--metrics-linger 5 | --metrics-linger needs --metrics-port",
        "--metrics-port 0 --metrics-linger -1 | --metrics-linger",
        "--metrics-port 0 --metrics-host no.such.host.invalid | --metrics-host"})
    void badMetricsOptionsAreRefusedBeforeAnyFolderIsMade(String options, String expected) {
        Path out = dir.resolve("metrics-" + Math.abs(options.hashCode()));
        List<String> args = new ArrayList<>(List.of("compare", "--space", space.toString(), "--out", out.toString()));
        args.addAll(List.of(options.split(" ")));
        Run run = tstar(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(expected).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }
}
