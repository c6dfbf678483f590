package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.digitsSpace;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;
import static org.tstar.cli.ResumeAfterKillTest.rows;
import static org.tstar.cli.ResumeAfterKillTest.withoutTiming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.RunState;

/**
 * {@code compare} with its trials on Spark ({@code local[2]}) gives a local run's trials, comparison and curves
 * (timing aside), and a Spark run whose driver was killed resumes, still on Spark, to the same end.
 */
class SparkCompareTest {
    @TempDir
    Path dir;

    @Test
    void compareOnLocalSparkEqualsALocalRunOfTheDigitsSpace() throws IOException {
        // bit-equality between the two executors is the point, so both run here: the committed reference run
        // (reports/digits-linear-compare) was trained on another CPU, whose last digits differ; the default space
        // at half its epochs and grid keeps every strategy's path and costs a quarter of the time
        Path space = digitsSpace(dir, "digits-linear", 10, 13, "");
        Path local = dir.resolve("local");
        CompareCommandTest.Run here = tstar("compare", "--space", space.toString(), "--out", local.toString());
        assertThat(here.code()).as(here.err()).isZero();
        Path out = dir.resolve("spark");
        CompareCommandTest.Run run = tstar("compare", "--space", space.toString(), "--spark-master", "local[2]", "--out",
                out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("trials run on Spark 3.5.7 master local[2]", "2 slots");
        int trials = read(local.resolve("trials.csv")).size();
        assertThat(withoutTiming(read(out.resolve("trials.csv")))).hasSizeGreaterThan(13)
                .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("trials.csv"))));
        assertThat(withoutTiming(read(out.resolve("comparison.csv"))))
                .isEqualTo(withoutTiming(read(local.resolve("comparison.csv"))));
        String metrics = Files.readString(out.resolve("metrics.prom"));
        assertThat(metrics).contains("tstar_spark_queue_wait_seconds_count{space=\"digits-linear\"} " + trials,
                "tstar_spark_trials_running{executor=\"driver\",space=\"digits-linear\"} 0.0",
                "tstar_spark_task_failures_total{space=\"digits-linear\"} 0.0");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("--spark-master 'local[2]'");
        // the dashboard's Spark panels query meters this run exported
        java.util.regex.Matcher queried = java.util.regex.Pattern.compile("tstar_spark_[a-z_]+")
                .matcher(Files.readString(Path.of("docker/grafana/dashboards/tuning-cost.json")));
        int panels = 0;
        while (queried.find()) {
            assertThat(metrics).contains("\n" + queried.group() + "{");
            panels++;
        }
        assertThat(panels).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aKilledSparkDriverResumesOnSparkToTheLocalRunsTrialsAndCurves() throws Exception {
        // curves and a pruner: every epoch crosses from the task to the driver's pruner and back
        Path space = digitsSpace(dir, "spark-resume", 4, 7,
                "learningCurves: true\npruning:\n  rule: median\n  warmupEpochs: 2\n  startupTrials: 2\n");
        Path local = dir.resolve("local");
        assertThat(tstar("compare", "--space", space.toString(), "--out", local.toString()).code()).isZero();

        Path cut = dir.resolve("cut");
        Process driver = startSparkCompare(space, cut);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (rows(cut.resolve("trials.csv")) < 5 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(driver.isAlive()).as("the Spark run was still going when killed").isTrue();
        driver.destroyForcibly();
        assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.RUNNING);
        int before = read(cut.resolve("trials.csv")).size();

        CompareCommandTest.Run resumed = tstar("compare", "--space", space.toString(), "--spark-master", "local[2]",
                "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + cut + ": " + before + " finished trials");
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(withoutTiming(read(cut.resolve("trials.csv"))))
                .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("trials.csv"))));
        assertThat(withoutTiming(read(cut.resolve("curves.csv"))))
                .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("curves.csv"))));
        assertThat(read(local.resolve("trials.csv"))).anyMatch(r -> r.get("status").equals("pruned"));
    }

    @Test
    void successiveHalvingRunsOnSparkWhenEveryPlannedTrialHasASlotAndInTheDriverOtherwise() throws Exception {
        // its trials wait for each other at rungs, and a waiting Spark task keeps its slot
        Path space = digitsSpace(dir, "spark-halving", 4, 5, "");
        Path local = dir.resolve("sh-local");
        assertThat(tstar("search", "--space", space.toString(), "--strategy", "analytical-sh", "--out", local.toString())
                .code()).isZero();
        Path few = dir.resolve("sh-two-slots");
        CompareCommandTest.Run fallback = tstar("search", "--space", space.toString(), "--strategy", "analytical-sh",
                "--spark-master", "local[2]", "--out", few.toString());
        assertThat(fallback.code()).as(fallback.err()).isZero();
        assertThat(Files.readString(few.resolve("summary.md"))).containsPattern(
                "trained in the driver JVM: its \\d+ trials wait for each other at rungs and the cluster has 2 slots");
        Path many = dir.resolve("sh-many-slots");
        CompareCommandTest.Run onSpark = tstar("search", "--space", space.toString(), "--strategy", "analytical-sh",
                "--spark-master", "local[64]", "--out", many.toString());
        assertThat(onSpark.code()).as(onSpark.err()).isZero();
        assertThat(Files.readString(many.resolve("summary.md"))).doesNotContain("driver JVM");
        assertThat(Files.readString(many.resolve("metrics.prom"))).containsPattern(
                "tstar_spark_queue_wait_seconds_count\\{space=\"spark-halving\"} [1-9]");
        for (Path run : List.of(few, many)) {
            assertThat(withoutTiming(read(run.resolve("trials.csv"))))
                    .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("trials.csv"))));
            assertThat(withoutTiming(read(run.resolve("curves.csv"))))
                    .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("curves.csv"))));
        }
    }

    @Test
    void aMasterThatCannotBeReachedIsRefusedInOneLineBeforeAnyFolderExists() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path out = dir.resolve("no-master");
        CompareCommandTest.Run run = tstar("compare", "--spark-master", "spark://127.0.0.1:" + port, "--spark-conf",
                "spark.tstar.registrationTimeout=3", "--out", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("tstar: spark master 'spark://127.0.0.1:" + port + "': cannot connect to "
                + "127.0.0.1:" + port + " (Connection refused)");
        assertThat(out).doesNotExist();
    }

    private static Process startSparkCompare(Path space, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G"));
        command.addAll(StandaloneCluster.JAVA_17_OPENS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TstarCommand.class.getName(), "compare",
                "--space", space.toString(), "--spark-master", "local[2]", "--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectErrorStream(true).redirectOutput(out.resolveSibling("killed-driver.log").toFile());
        return builder.start();
    }
}
