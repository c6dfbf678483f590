package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.RunState;

/** A suite on Spark ({@code local[2]}) killed inside its second task resumes on Spark to the local run's tasks.csv. */
class SparkSuiteResumeTest {
    @TempDir
    Path dir;

    @Test
    void aSuiteKilledOnSparkResumesOnSparkToTheLocalTables() throws Exception {
        Path suite = SuiteResumeTest.writeSuite(dir);
        Path local = dir.resolve("local");
        CompareCommandTest.Run whole = tstar("bench", "--suite", suite.toString(), "--out", local.toString());
        assertThat(whole.code()).as(whole.err()).isZero();

        Path cut = dir.resolve("spark");
        List<String> spark = List.of("--spark-master", "local[2]");
        Process process = SuiteResumeTest.startSuite(suite, cut, dir.resolve("spark.log"), spark);
        SuiteResumeTest.awaitTrials(cut.resolve("digits-b-seed42").resolve("trials.csv"), 4, process);
        assertThat(process.isAlive()).as("still inside the second task when killed").isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        CompareCommandTest.Run resumed = tstar("bench", "--suite", suite.toString(), "--spark-master", "local[2]",
                "--resume", cut.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("trials run on Spark", "resuming task digits-b seed 42");
        assertThat(RunState.read(cut).status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(SuiteResumeTest.withoutTiming(BenchmarkTable.read(cut.resolve(BenchmarkTable.FILE))))
                .isEqualTo(SuiteResumeTest.withoutTiming(BenchmarkTable.read(local.resolve(BenchmarkTable.FILE))));
    }
}
