package org.tstar.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tstar.bench.ExecutorOverhead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench executor}: a suite in this JVM and on a Spark master, its results compared and its cost. */
@Command(name = "executor", mixinStandardHelpOptions = true,
        description = "Run a suite in this JVM and on a Spark master: results compared, wall time and overhead per trial.")
final class ExecutorBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "A benchmark suite (search-spaces/suites/*.yaml).")
    Path suite;

    @Option(names = "--spark-master", required = true, paramLabel = "URL", description = "The Spark master, e.g. local[2].")
    String sparkMaster;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder, new or empty (default: reports/benchmark/executor-<suite>/).")
    Path out;

    @Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @Override
    public Integer call() {
        String name = suite.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = out != null ? out : Path.of("reports", "benchmark", "executor-" + name);
        spec.commandLine().getOut().print(ExecutorOverhead.run(suite, dir, sparkMaster, sparkConf, spec.commandLine().getOut()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
