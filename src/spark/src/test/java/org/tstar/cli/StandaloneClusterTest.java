package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.digitsSpace;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;
import static org.tstar.cli.ResumeAfterKillTest.rows;
import static org.tstar.cli.ResumeAfterKillTest.withoutTiming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.RunState;

/**
 * {@code compare} against a real standalone master and worker on 127.0.0.1, with an executor JVM killed with
 * SIGKILL in the middle of a trial: Spark retries the task on a new executor and the run's trials equal a local
 * run's; with {@code spark.task.maxFailures=1} the trial becomes a failed row with Spark's reason and the search
 * still finishes; with the whole worker gone the search ends with failed rows instead of waiting for resources.
 * Master and worker are stopped at the end, pass or fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static Path space;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(dir, 2);
        space = digitsSpace(dir, "standalone", 8, 5, "");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anExecutorKilledMidTrialIsRetriedAndTheTrialsEqualALocalRun() throws Exception {
        Path local = dir.resolve("local");
        assertThat(tstar("compare", "--space", space.toString(), "--out", local.toString()).code()).isZero();

        Path out = dir.resolve("retried");
        CompareCommandTest.Run run = compareWithOneKill(out, List.of());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("trials run on Spark 3.5.7 master " + cluster.url());
        assertThat(withoutTiming(read(out.resolve("trials.csv"))))
                .containsExactlyInAnyOrderElementsOf(withoutTiming(read(local.resolve("trials.csv"))));
        assertThat(Files.readString(out.resolve("metrics.prom")))
                .containsPattern("tstar_spark_task_failures_total\\{space=\"standalone\"} [1-9]");
        assertThat(RunState.read(out).status()).isEqualTo(RunState.Status.COMPLETED);
    }

    @Test
    @Order(2)
    void withoutRetriesTheKilledTrialIsAFailedRowAndTheSearchFinishes() throws Exception {
        Path out = dir.resolve("failed");
        CompareCommandTest.Run run = compareWithOneKill(out, List.of("--spark-conf", "spark.task.maxFailures=1"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("metrics.prom")))
                .containsPattern("tstar_spark_task_failures_total\\{space=\"standalone\"} [1-9]");
        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        List<CSVRecord> failed = trials.stream().filter(r -> r.get("status").equals("failed")).toList();
        assertThat(failed).isNotEmpty().allSatisfy(r -> assertThat(r.get("reason"))
                .startsWith("SparkException: Job aborted due to stage failure")
                .contains("failed 1 times").doesNotContain("\n"));
        assertThat(trials).filteredOn(r -> r.get("status").equals("completed")).hasSizeGreaterThan(5);
        assertThat(RunState.read(out).status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(Files.readString(out.resolve("comparison.csv"))).contains("failed_trials");
    }

    @Test
    @Order(3)
    void aClusterWithoutWorkersEndsTheSearchWithFailedRowsInsteadOfHanging() throws Exception {
        Path out = dir.resolve("no-workers");
        CompareCommandTest.Run run = compareWith(out, List.of("--spark-conf", "spark.tstar.executorLossTimeout=5"),
                cluster::killWorker);
        assertThat(RunState.read(out).status()).isNotEqualTo(RunState.Status.RUNNING);
        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        assertThat(trials).filteredOn(r -> r.get("reason").equals("no Spark executor on " + cluster.url() + " for 5 s (spark.tstar.executorLossTimeout)"))
                .isNotEmpty();
        assertThat(trials).filteredOn(r -> r.get("status").equals("completed")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(run.out()).contains("wrote " + out);
    }

    @Test
    @Order(4)
    void aMasterWithoutWorkersIsRefusedInOneLineBeforeAnyFolderExists() throws Exception {
        cluster.killWorker();   // gone already after the test above; this test does not depend on its order
        Path out = dir.resolve("refused");
        List<String> args = new ArrayList<>(List.of("compare", "--space", space.toString(), "--spark-master",
                cluster.url(), "--out", out.toString(), "--spark-conf", "spark.tstar.registrationTimeout=3"));
        args.addAll(cluster.driverOptions());
        long start = System.nanoTime();
        CompareCommandTest.Run run = tstar(args.toArray(String[]::new));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("tstar: spark master '" + cluster.url() + "': no executor registered "
                + "within 3 s (is a worker running, with a free core and 1g of memory? spark.tstar.registrationTimeout "
                + "sets the wait)");
        assertThat(out).doesNotExist();
        assertThat(System.nanoTime() - start).as("refused without Spark's minute of retries")
                .isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    /** A compare on the cluster during which the executors are killed once, while a trial trains (after 3 rows). */
    private static CompareCommandTest.Run compareWithOneKill(Path out, List<String> extra) throws Exception {
        return compareWith(out, extra, () -> assertThat(cluster.killExecutors()).isPositive());
    }

    interface Fault {
        void strike() throws Exception;
    }

    /** A compare on the cluster during which {@code fault} strikes once, while a trial trains (after 3 rows). */
    private static CompareCommandTest.Run compareWith(Path out, List<String> extra, Fault fault) throws Exception {
        List<String> args = new ArrayList<>(List.of("compare", "--space", space.toString(), "--spark-master",
                cluster.url(), "--out", out.toString()));
        args.addAll(cluster.driverOptions());
        args.addAll(extra);
        CompletableFuture<CompareCommandTest.Run> run = CompletableFuture.supplyAsync(
                () -> tstar(args.toArray(String[]::new)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (rows(out.resolve("trials.csv")) < 4 && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // the next trial is training now: its epochs take about a second
        Thread.sleep(300);
        assertThat(run.isDone()).as("the run was still going").isFalse();
        fault.strike();
        return run.get(300, TimeUnit.SECONDS);
    }
}
