package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input a user gives {@code search} and {@code compare} — flags, space files, data specs and files,
 * coefficient files, resume folders — refused with one line naming what and where, exit code 2, no stack
 * trace, and no report folder left behind or changed. The bad-input table of docs/runs-and-bad-input.md lists these cases.
 */
class RunInputAuditTest {
    @TempDir
    static Path dir;
    static String base;

    @BeforeAll
    static void writeFixtures() throws IOException {
        base = Files.readString(Path.of("search-spaces/digits-linear.yaml")).replace("epochs: 20", "epochs: 2");
        Files.writeString(dir.resolve("good.yaml"), base);
        Files.writeString(dir.resolve("columns.csv"), "a,b,label\n1,2,x\n3,x\n");
        BadInputTest.writeTruncatedIdx(dir);
        Files.writeString(dir.resolve("no-delta.yaml"),
                "alpha: 0.7\nbeta: -4\ngamma: 0\nminTemperature: 0.1\nmaxTemperature: 10\n");

        String header = "strategy,trial,temperature,status,epochs,sample_passes,seconds,flops,val_accuracy,val_loss,test_accuracy,reason\n";
        String row = "analytical,1,1.0852,completed,2,2158,0.3,1.0E7,0.9,0.3,0.9,\n";
        interrupted("interrupted", "compare", base, header + row);
        interrupted("completed", "compare", base, header + row);
        Files.writeString(dir.resolve("completed/run-state.yaml"), state("completed", "compare"));
        interrupted("search-run", "search --strategy grid", base, header);
        interrupted("bad-row", "compare", base, header + row + "grid,2,warm,completed,2,2158,0.3,1.0E7,0.9,0.3,0.9,\n");
        interrupted("foreign-header", "compare", base, "a,b,c\n1,2,3\n");
        interrupted("no-space-copy", "compare", base, header + row);
        Files.delete(dir.resolve("no-space-copy/space.yaml"));
        Files.createDirectories(dir.resolve("not-a-run"));
        Files.writeString(dir.resolve("not-a-run/notes.txt"), "mine");
    }

    private static String state(String status, String command) {
        return "status: '" + status + "'\ncommand: '" + command + "'\nspace: 'digits-linear'\n";
    }

    private static Path interrupted(String name, String command, String space, String trials) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("space.yaml"), space);
        Files.writeString(run.resolve("run-state.yaml"), state("running", command));
        Files.writeString(run.resolve("trials.csv"), trials);
        return run;
    }

    private static Path space(String name, String text) {
        try {
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A case: what is wrong, the command's arguments ({@code OUT}: a fresh folder), what the message must say. */
    static Stream<Arguments> cases() {
        String d = dir.toString();
        String good = d + "/good.yaml";
        return Stream.of(
                // flags
                Arguments.of("unknown strategy", List.of("search", "--space", good, "--strategy", "bayes", "--out", "OUT"),
                        "'bayes' is not analytical, grid, random, analytical-sh, sh or hyperband"),
                Arguments.of("compare with an unseeded strategy", List.of("compare", "--space", good, "--strategy", "sh", "--out", "OUT"),
                        "--strategy: 'sh' is not a seeded search (analytical or analytical-sh)"),
                Arguments.of("search without a space", List.of("search", "--out", "OUT"), "Missing required option: '--space"),
                Arguments.of("metrics port out of range", List.of("compare", "--space", good, "--metrics-port", "70000", "--out", "OUT"),
                        "--metrics-port: 70000 is not a port (0..65535)"),
                Arguments.of("linger without a port", List.of("compare", "--space", good, "--metrics-linger", "5", "--out", "OUT"),
                        "--metrics-linger needs --metrics-port"),
                Arguments.of("--out and --resume together", List.of("compare", "--space", good, "--resume", d + "/interrupted", "--out", "OUT"),
                        "give one (a resumed run writes into its own folder)"),
                Arguments.of("out is a file", List.of("compare", "--space", good, "--out", good), "exists and is not a folder"),
                // space files
                Arguments.of("space file missing", List.of("compare", "--space", d + "/absent.yaml", "--out", "OUT"),
                        "absent.yaml: no such space file"),
                Arguments.of("space not YAML", List.of("compare", "--space", space("broken", "name: [unclosed\n  - x: {").toString(),
                        "--out", "OUT"), "not valid YAML"),
                Arguments.of("unknown key", List.of("compare", "--space", space("warmup", base + "warmup: 3\n").toString(), "--out", "OUT"),
                        "warmup"),
                Arguments.of("Arbiter JSON with a class name", List.of("compare", "--space",
                        space("arbiter", "{\"@class\": \"org.deeplearning4j.arbiter.MultiLayerSpace\", \"numEpochs\": 1}").toString(),
                        "--out", "OUT"), "@class"),
                Arguments.of("temperature.min above max", List.of("compare", "--space",
                        space("range", base.replace("max: 50", "max: 0.01")).toString(), "--out", "OUT"), "temperature.max"),
                Arguments.of("zero epochs", List.of("compare", "--space", space("epochs", base.replace("epochs: 2", "epochs: 0")).toString(),
                        "--out", "OUT"), "training.epochs"),
                Arguments.of("negative learning rate", List.of("compare", "--space",
                        space("lr", base.replace("learningRate: 0.01", "learningRate: -1")).toString(), "--out", "OUT"),
                        "training.learningRate"),
                Arguments.of("unknown head", List.of("compare", "--space",
                        space("head", base.replace("head: linear", "head: transformer")).toString(), "--out", "OUT"), "transformer"),
                Arguments.of("parallelism 0", List.of("compare", "--space",
                        space("par", base.replace("parallelism: 1", "parallelism: 0")).toString(), "--out", "OUT"), "parallelism"),
                // data specs and data files
                Arguments.of("unknown data source", List.of("compare", "--space",
                        space("parquet", base.replace("source: digits", "source: parquet:x")).toString(), "--out", "OUT"),
                        "unknown source 'parquet'"),
                Arguments.of("CSV file missing", List.of("compare", "--space",
                        space("csvabsent", base.replace("source: digits", "source: csv:" + d + "/absent.csv")).toString(),
                        "--out", "OUT"), "absent.csv: no such file"),
                Arguments.of("CSV row with a missing cell", List.of("compare", "--space",
                        space("csvcols", base.replace("source: digits", "source: csv:" + d + "/columns.csv")).toString(),
                        "--out", "OUT"), "line 3 has 2 columns"),
                Arguments.of("IDX header against size", List.of("compare", "--space", space("idx", base.replace("source: digits",
                        "source: idx:" + d + "/images.idx," + d + "/labels.idx")).toString(), "--out", "OUT"),
                        "12 bytes of data, the file holds 10"),
                Arguments.of("synthetic with one class", List.of("compare", "--space", space("synthetic", base.replace("source: digits",
                        "source: synthetic:n=100,dim=2,classes=1,sep=1,seed=1")).toString(), "--out", "OUT"),
                        "classes must be ≥ 2"),
                // coefficient files
                Arguments.of("coefficient file missing", List.of("compare", "--space", space("kabsent",
                        base.replace("coefficients: paper", "coefficients: " + d + "/absent-k.yaml")).toString(), "--out", "OUT"),
                        "no such coefficients file"),
                Arguments.of("coefficient file without delta", List.of("compare", "--space", space("knodelta",
                        base.replace("coefficients: paper", "coefficients: " + d + "/no-delta.yaml")).toString(), "--out", "OUT"),
                        "delta: missing"),
                // resume folders
                Arguments.of("resume folder missing", List.of("compare", "--space", good, "--resume", d + "/absent-run"),
                        "no such run folder"),
                Arguments.of("resume a folder that is not a run", List.of("compare", "--space", good, "--resume", d + "/not-a-run"),
                        "not a tstar run folder (no run-state.yaml)"),
                Arguments.of("resume a completed run", List.of("compare", "--space", good, "--resume", d + "/completed"),
                        "that run already ended (completed); there is nothing to resume"),
                Arguments.of("resume with another command", List.of("compare", "--space", good, "--resume", d + "/search-run"),
                        "it is a 'search --strategy grid' run; resume it with that command"),
                Arguments.of("resume with a changed space", List.of("compare", "--space",
                        space("changed", base.replace("epochs: 2", "epochs: 3")).toString(), "--resume", d + "/interrupted"),
                        "differs from the space the run started with (training)"),
                Arguments.of("resume without the space copy", List.of("compare", "--space", good, "--resume", d + "/no-space-copy"),
                        "the run's space.yaml is missing"),
                Arguments.of("resume with a corrupt trials.csv row", List.of("compare", "--space", good, "--resume", d + "/bad-row"),
                        "trials.csv line 3: temperature 'warm' is not a number"),
                Arguments.of("resume with a foreign trials.csv", List.of("compare", "--space", good, "--resume", d + "/foreign-header"),
                        "trials.csv line 1: header is [a, b, c], not tstar's"));
    }

    /** Every file of a folder and its content, to show a refused resume changed nothing. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                for (Path f : list.toList()) {
                    files.put(f.getFileName().toString(), Files.isRegularFile(f) ? Files.readString(f) : "<dir>");
                }
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineExitTwoAndNoReportLeft(String name, List<String> args, String expected) throws IOException {
        Path out = dir.resolve("out-" + name.replaceAll("\\W+", "-"));
        List<String> resolved = new ArrayList<>();
        Path resumed = null;
        for (int i = 0; i < args.size(); i++) {
            resolved.add(args.get(i).equals("OUT") ? out.toString() : args.get(i));
            if (args.get(i).equals("--resume")) {
                resumed = Path.of(args.get(i + 1));
            }
        }
        Map<String, String> before = resumed == null ? Map.of() : snapshot(resumed);
        CompareCommandTest.Run run = tstar(resolved.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("tstar: ").contains(expected).doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Exception");
        assertThat(out).doesNotExist();
        if (resumed != null) {
            assertThat(snapshot(resumed)).isEqualTo(before);
        }
    }

    @Test
    void theDocsTableListsEveryCase() throws IOException {
        String readme = Files.readString(Path.of("docs/runs-and-bad-input.md"));
        List<Arguments> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        for (Arguments a : all) {
            String name = (String) a.get()[0];
            assertThat(readme).as("docs bad-input row for " + name).contains("| " + name + " |");
        }
    }

    @Test
    void verboseShowsTheStackTrace() {
        CompareCommandTest.Run run = tstar("compare", "--space", dir.resolve("absent.yaml").toString(), "--verbose");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("InvalidInputException").contains("\tat org.tstar.");
    }
}
