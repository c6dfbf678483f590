package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.RunState;

/**
 * A real {@code compare} process killed with SIGKILL after some trials ended, then resumed: the final reports
 * equal an uninterrupted run's (timing columns aside) and no finished trial is trained twice.
 */
class ResumeAfterKillTest {
    /** Columns that measure time, which two runs of the same trials never share. */
    private static final Set<String> TIMING = Set.of("seconds", "wall_seconds");

    @TempDir
    Path dir;

    @Test
    void aKilledCompareResumedEndsWithTheUninterruptedRunsReports() throws Exception {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: resume-test")
                .replace("epochs: 20", "epochs: 6")
                .replace("grid: 25", "grid: 9"));
        Path full = dir.resolve("full");
        assertThat(tstar("compare", "--space", space.toString(), "--out", full.toString()).code()).isZero();

        Path cut = dir.resolve("cut");
        Process process = startCompare(space, cut);
        Path trials = cut.resolve("trials.csv");
        int killedAfter = 8;   // the header, the analytical search's trials and a few of the grid's
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (rows(trials) < killedAfter && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(process.isAlive()).as("the run was still going when killed").isTrue();
        process.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no flush
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.RUNNING);
        assertThat(cut.resolve("summary.md")).doesNotExist();
        List<CSVRecord> beforeResume = read(trials);
        assertThat(beforeResume.size()).isBetween(killedAfter - 1, 17);
        // As if the kill had also cut the next row in half: the resume must drop it, not read it.
        Files.writeString(trials, "grid,6,0.6", StandardOpenOption.APPEND);

        CompareCommandTest.Run resumed = tstar("compare", "--space", space.toString(), "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + cut + ": " + beforeResume.size() + " finished trials",
                "a row cut off by the interruption was dropped");
        assertThat(resumed.out().lines().filter(l -> l.contains("(from trials.csv)"))).hasSize(beforeResume.size());
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.COMPLETED);

        List<CSVRecord> after = read(trials);
        Set<String> trialIds = new HashSet<>();
        for (CSVRecord r : after) {
            assertThat(trialIds.add(r.get("strategy") + "#" + r.get("trial"))).as("trial ran twice: " + r).isTrue();
        }
        assertThat(withoutTiming(after)).isEqualTo(withoutTiming(read(full.resolve("trials.csv"))));
        assertThat(withoutTiming(read(cut.resolve("comparison.csv"))))
                .isEqualTo(withoutTiming(read(full.resolve("comparison.csv"))));
        for (String file : List.of("summary.md", "metrics.prom", "temperature-curve.png", "compute.svg")) {
            assertThat(cut.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.list(cut).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));

        CompareCommandTest.Run again = tstar("compare", "--space", space.toString(), "--resume", cut.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("that run already ended (completed)");
    }

    private static Process startCompare(Path space, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-cp", System.getProperty("java.class.path"),
                TstarCommand.class.getName(), "compare", "--space", space.toString(), "--out", out.toString());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("CI", "true");
        builder.redirectErrorStream(true).redirectOutput(out.resolveSibling("killed-run.log").toFile());
        return builder.start();
    }

    /** Lines of a file being written (0 before it exists). */
    static long rows(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    static List<List<String>> withoutTiming(List<CSVRecord> rows) {
        List<List<String>> kept = new ArrayList<>();
        for (CSVRecord r : rows) {
            if (r.isMapped("measure") && TIMING.contains(r.get("measure"))) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            r.toMap().forEach((column, value) -> {
                if (!TIMING.contains(column)) {
                    cells.add(column + "=" + value);
                }
            });
            cells.sort(null);
            kept.add(cells);
        }
        return kept;
    }
}
