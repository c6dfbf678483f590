package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.digitsSpace;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark options on the core alone (tstar-spark is not on this module's classpath): a malformed master, a setting
 * that is not Spark's, a bad {@code spark:} block and a master without tstar-spark are each refused in one line,
 * exit 2, before any report folder exists.
 */
class SparkOptionsTest {
    @TempDir
    Path dir;

    @Test
    void refusedSparkInputLeavesNothingBehind() throws Exception {
        Path space = digitsSpace(dir, "spark-options", 2, 3, "");
        Path out = dir.resolve("out");
        assertRefused(tstar("compare", "--space", space.toString(), "--spark-master", "lcoal[2]", "--out", out.toString()),
                "--spark-master: 'lcoal[2]' must be local, local[N]");
        assertRefused(tstar("compare", "--space", space.toString(), "--spark-master", "local[2]", "--spark-conf",
                "executor.memory=2g", "--out", out.toString()), "--spark-conf: 'executor.memory' is not a Spark setting");
        assertRefused(tstar("compare", "--space", space.toString(), "--spark-master", "local[2]", "--out", out.toString()),
                "spark master 'local[2]': tstar-spark is not on the classpath");

        Path badBlock = digitsSpace(dir, "bad-block", 2, 3, "spark:\n  master: spark://nohost\n");
        assertRefused(tstar("compare", "--space", badBlock.toString(), "--out", out.toString()),
                badBlock + ": spark.master: ");
        Path badConf = digitsSpace(dir, "bad-conf", 2, 3, "spark:\n  master: local[2]\n  conf:\n    memory: 2g\n");
        assertRefused(tstar("compare", "--space", badConf.toString(), "--out", out.toString()),
                badConf + ": spark.conf: ");
        assertThat(out).doesNotExist();
    }

    private static void assertRefused(CompareCommandTest.Run run, String message) {
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
