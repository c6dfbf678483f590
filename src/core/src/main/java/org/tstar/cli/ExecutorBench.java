package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.bench.ExecutorOverhead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench executor}: a suite in this JVM and on a Spark master, its results compared and its cost. */
@Command(name = "executor", mixinStandardHelpOptions = true,
        description = {"Run a suite in this JVM and on a Spark master: results compared, wall time and overhead per trial.",
                "An interrupted run starts over in a new folder: it measures the wall time of each whole suite run, which a resumed one would not have."})
final class ExecutorBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "A benchmark suite (search-spaces/suites/*.yaml).")
    Path suite;

    @picocli.CommandLine.Mixin
    SparkOptions spark;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder, new or empty (default: reports/benchmark/executor-<suite>/).")
    Path out;

    @Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @Override
    public Integer call() {
        if (spark.master == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --spark-master URL (e.g. local[2])");
        }
        String name = suite.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = out != null ? out : Path.of("reports", "benchmark", "executor-" + name);
        spec.commandLine().getOut().print(ExecutorOverhead.run(suite, dir, spark.master, spark.conf, spec.commandLine().getOut()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
