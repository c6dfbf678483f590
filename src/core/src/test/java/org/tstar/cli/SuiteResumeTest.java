package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.RunLock;
import org.tstar.report.RunState;

/**
 * {@code bench --suite --resume}: a two-task suite killed (SIGKILL of its JVM, or SIGTERM) inside its second task
 * and resumed writes the uninterrupted run's tasks.csv in every column but the times; a torn tasks.csv is rebuilt
 * from the task folders; an edited suite file and a folder with a live writer are refused in one line.
 */
class SuiteResumeTest {
    /** The columns a benchmark's clock writes: they differ between any two runs. */
    private static final List<String> TIMING = List.of("grid_seconds", "analytical_seconds", "saved_seconds");

    @TempDir
    static Path dir;
    static Path suite;
    static Path uninterrupted;

    @BeforeAll
    static void runTheSuiteWhole() throws IOException {
        suite = writeSuite(dir);
        uninterrupted = dir.resolve("whole");
        CompareCommandTest.Run run = tstar("bench", "--suite", suite.toString(), "--out", uninterrupted.toString());
        assertThat(run.code()).as(run.err()).isZero();
    }

    /** Two digits tasks of 5 grid points, 2 and 3 epochs: about 15 s of training each. */
    static Path writeSuite(Path dir) throws IOException {
        Path suite = dir.resolve("two.yaml");
        Files.writeString(suite, """
                name: two
                seeds: [42]
                grid: {points: 5, min: 0.05, max: 50}
                tasks:
                  - name: digits-a
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 2}, analytical: {maxTrials: 4}}
                  - name: digits-b
                    dataset: digits
                    space: search-spaces/digits-linear.yaml
                    with: {training: {epochs: 3}, analytical: {maxTrials: 4}}
                """);
        return suite;
    }

    @Test
    void aSuiteKilledInsideItsSecondTaskResumesToTheUninterruptedTables() throws Exception {
        Path cut = dir.resolve("killed");
        Process process = startSuite(cut);
        awaitTrials(cut.resolve("digits-b-seed42").resolve("trials.csv"), 4, process);
        assertThat(process.isAlive()).as("still inside the second task when killed").isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.RUNNING);
        assertThat(cut.resolve("digits-b-seed42").resolve("task.csv")).doesNotExist();

        CompareCommandTest.Run resumed = tstar("bench", "--suite", suite.toString(), "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("took over the folder's lock from a run that is no longer running",
                "digits-a               seed 42: finished before the interruption, kept")
                .containsPattern("resuming task digits-b seed 42: [1-9]\\d* finished trials are replayed, not trained again");
        assertSameTables(cut);
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(cut.resolve("summary.md")).content().contains("(this run; 1 run(s) were finished before an interruption and kept)");
    }

    @Test
    void aSigtermLeavesAResumableSuiteWithItsResumeCommand() throws Exception {
        Path cut = dir.resolve("terminated");
        Process process = startSuite(cut);
        awaitTrials(cut.resolve("digits-b-seed42").resolve("trials.csv"), 3, process);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        RunState state = RunState.read(cut);
        assertThat(state.status()).isEqualTo(RunState.Status.INTERRUPTED);
        assertThat(state.resumable()).isTrue();
        assertThat(Files.readString(log(cut))).contains("resume with bin/tstar bench --suite " + suite + " --resume " + cut);

        CompareCommandTest.Run resumed = tstar("bench", "--suite", suite.toString(), "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertSameTables(cut);
    }

    @Test
    void aTornTasksCsvIsRebuiltAndAnEditedSuiteOrALiveFolderIsRefused() throws Exception {
        Path copy = dir.resolve("torn");
        copyTree(uninterrupted, copy);
        // as a kill would leave it: still running, tasks.csv cut inside its last row
        Files.writeString(copy.resolve(RunState.FILE), Files.readString(copy.resolve(RunState.FILE))
                .replace("status: 'completed'", "status: 'running'").replace("resumable: 'false'", "resumable: 'true'"));
        String table = Files.readString(copy.resolve(BenchmarkTable.FILE));
        Files.writeString(copy.resolve(BenchmarkTable.FILE), table.substring(0, table.length() - 40));

        Path edited = dir.resolve("edited.yaml");
        Files.writeString(edited, Files.readString(suite).replace("epochs: 3", "epochs: 4"));
        CompareCommandTest.Run refused = tstar("bench", "--suite", edited.toString(), "--resume", copy.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("tstar: --resume " + copy + ": task digits-b seed 42 was run with "
                + "another definition than the suite gives now (training differ); resume with the suite file it "
                + "started with, or start a new folder");
        assertThat(copy.resolve(RunLock.FILE)).doesNotExist();

        try (RunLock live = RunLock.acquire(copy, "bench --suite " + suite)) {
            CompareCommandTest.Run busy = tstar("bench", "--suite", suite.toString(), "--resume", copy.toString());
            assertThat(busy.code()).isEqualTo(2);
            assertThat(busy.err().strip()).startsWith("tstar: " + copy + ": in use by another tstar run (pid ")
                    .doesNotContain("\n");
        }

        CompareCommandTest.Run resumed = tstar("bench", "--suite", suite.toString(), "--resume", copy.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).doesNotContain("resuming task").contains("digits-b               seed 42: finished "
                + "before the interruption, kept");
        assertThat(copy.resolve(BenchmarkTable.FILE)).hasContent(table);
    }

    private static void assertSameTables(Path cut) throws IOException {
        assertThat(withoutTiming(BenchmarkTable.read(cut.resolve(BenchmarkTable.FILE))))
                .isEqualTo(withoutTiming(BenchmarkTable.read(uninterrupted.resolve(BenchmarkTable.FILE))));
        assertThat(cut.resolve(BenchmarkTable.STATISTICS_FILE)).hasSameTextualContentAs(
                uninterrupted.resolve(BenchmarkTable.STATISTICS_FILE));
    }

    static List<Map<String, String>> withoutTiming(List<BenchmarkTable.Row> rows) {
        return rows.stream().map(r -> r.cells().entrySet().stream().filter(e -> !TIMING.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).toList();
    }

    private static Process startSuite(Path out) throws IOException {
        return startSuite(suite, out, log(out), List.of());
    }

    /** {@code bench --suite} in a JVM of its own, with this JVM's flags (Spark's Java 17 opens among them). */
    static Process startSuite(Path suite, Path out, Path log, List<String> extra) throws IOException {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(launcher, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TstarCommand.class.getName(), "bench",
                "--suite", suite.toString(), "--out", out.toString()));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("CI", "true");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static Path log(Path out) {
        return dir.resolve(out.getFileName() + ".log");
    }

    /** Waits until {@code trials} has {@code rows} trial rows (header aside), or the process ended, or 3 minutes. */
    static void awaitTrials(Path trials, int rows, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(trials)) {
                try (var lines = Files.lines(trials)) {
                    if (lines.count() > rows) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
