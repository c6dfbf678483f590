package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.RunLock;
import org.tstar.report.RunState;

/**
 * One writer per run folder and loud ends, on real {@code compare} processes: a second process on a live folder
 * is refused while the live run ends as an undisturbed one; a full disk under the trial log stops the run with
 * exit 2, one line and a failed, resumable marker; SIGTERM and SIGINT leave an interrupted marker; every one of
 * these folders resumes to the undisturbed run's trials.
 */
class RunIntegrityTest {
    @TempDir
    static Path dir;
    static Path space;
    static List<List<String>> undisturbed;

    @BeforeAll
    static void undisturbedRun() throws IOException {
        // 41 two-epoch trials: long enough to interrupt, and a trial log that outgrows one 4 KiB page
        space = CompareCommandTest.digitsSpace(dir, "integrity", 2, 41, "");
        Path full = dir.resolve("undisturbed");
        CompareCommandTest.Run run = tstar("compare", "--space", space.toString(), "--out", full.toString());
        assertThat(run.code()).as(run.err()).isZero();
        undisturbed = withoutTiming(read(full.resolve("trials.csv")));
    }

    @Test
    void aSecondProcessOnALiveFolderIsRefusedAndTheLiveRunEndsUndisturbed() throws Exception {
        Path live = dir.resolve("live");
        Process first = start(live, false);
        awaitRows(live.resolve("trials.csv"), 4, first);
        assertThat(first.isAlive()).isTrue();
        String holder = Files.readString(live.resolve(RunLock.FILE));
        assertThat(holder).contains("pid " + first.pid());

        for (String[] second : List.of(new String[] {"compare", "--space", space.toString(), "--resume", live.toString()},
                new String[] {"search", "--space", space.toString(), "--resume", live.toString()})) {
            CompareCommandTest.Run refused = tstar(second);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err().strip().lines()).hasSize(1).first().asString()
                    .contains(live + ": in use by another tstar run (pid " + first.pid());
        }
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(RunState.read(live).status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(withoutTiming(read(live.resolve("trials.csv")))).isEqualTo(undisturbed);
        assertThat(live.resolve(RunLock.FILE)).doesNotExist();
    }

    @Test
    void sigtermAndSigintLeaveAnInterruptedRunThatResumesIdentically() throws Exception {
        for (boolean sigint : new boolean[] {false, true}) {
            Path cut = dir.resolve(sigint ? "sigint" : "sigterm");
            Process process = start(cut, sigint);
            awaitRows(cut.resolve("trials.csv"), 10, process);
            assertThat(process.isAlive()).isTrue();
            if (sigint) {
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
            } else {
                process.destroy();   // SIGTERM
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(sigint ? 130 : 143);
            RunState state = RunState.read(cut);
            assertThat(state.status()).isEqualTo(RunState.Status.INTERRUPTED);
            assertThat(state.resumable()).isTrue();
            assertThat(Files.readString(log(cut))).contains("interrupted: the finished trials are in",
                    "resume with bin/tstar compare --space " + space + " --resume " + cut);

            CompareCommandTest.Run resumed = tstar("compare", "--space", space.toString(), "--resume", cut.toString());
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("took over the folder's lock from a run that is no longer running (pid "
                    + process.pid());
            assertThat(withoutTiming(read(cut.resolve("trials.csv")))).isEqualTo(undisturbed);
            assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.COMPLETED);
        }
    }

    @Test
    void aFullDiskUnderTheTrialLogStopsTheRunLoudlyAndTheFolderResumes() throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mounting.waitFor(10, TimeUnit.SECONDS) && mounting.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "skipped: cannot mount a 1 MiB tmpfs here (needs root and mount rights): "
                + new String(mounting.getInputStream().readAllBytes()).strip());
        try {
            Path run = mount.resolve("run");
            Process process = start(run, false);
            awaitRows(run.resolve("trials.csv"), 6, process);
            Path filler = mount.resolve("filler");
            fill(filler);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log(run));
            assertThat(process.exitValue()).as(output).isEqualTo(2);
            List<String> errors = output.lines().filter(l -> l.startsWith("tstar:")).toList();
            // whichever log crosses into a new page first: the trial log or the learning curves
            assertThat(errors).hasSize(1).first().asString()
                    .matches("tstar: cannot write " + java.util.regex.Pattern.quote(run.toString())
                            + "/(trials|curves)\\.csv: No space left on device.*")
                    .contains("resume with bin/tstar compare --space " + space + " --resume " + run);
            assertThat(output).doesNotContain("Exception", "\tat ");
            RunState state = RunState.read(run);
            assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
            assertThat(state.note()).contains(".csv: No space left on device");
            assertThat(state.resumable()).isTrue();
            assertThat(Files.readString(run.resolve("trials.csv"))).endsWith("\r\n");
            assertThat(Files.readString(run.resolve("curves.csv"))).endsWith("\r\n");
            assertThat(run.resolve("summary.md")).doesNotExist();

            Files.delete(filler);   // the disk was full for a while
            CompareCommandTest.Run resumed = tstar("compare", "--space", space.toString(), "--resume", run.toString());
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(withoutTiming(read(run.resolve("trials.csv")))).isEqualTo(undisturbed);
            assertThat(RunState.read(run).status()).isEqualTo(RunState.Status.COMPLETED);
            try (var files = Files.list(run)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".partial"));
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full now
        }
    }

    /** A real compare on the test space into {@code out}; SIGINT set to its default disposition when asked. */
    private static Process start(Path out, boolean defaultSigint) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (defaultSigint) {
            // a JVM started from a non-interactive shell's background job inherits SIGINT ignored, and then installs
            // no handler for it: reset it, as a terminal's Ctrl-C would find it
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        }
        command.addAll(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-cp", System.getProperty("java.class.path"),
                TstarCommand.class.getName(), "compare", "--space", space.toString(), "--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("CI", "true");
        builder.redirectErrorStream(true).redirectOutput(log(out).toFile());
        return builder.start();
    }

    private static Path log(Path out) {
        return dir.resolve(out.getFileName() + ".log");
    }

    private static void awaitRows(Path trials, int rows, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(trials)) {
                try (var lines = Files.lines(trials)) {
                    if (lines.count() >= rows) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
    }

    private static List<List<String>> withoutTiming(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.toMap().entrySet().stream().filter(e -> !e.getKey().equals("seconds"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()).toList();
    }
}
