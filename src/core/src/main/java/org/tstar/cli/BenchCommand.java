package org.tstar.cli;

import org.tstar.bench.SuiteRun;
import picocli.CommandLine.Command;

/** {@code tstar bench}: benchmarks that write their measurements under {@code reports/}. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that write reports.",
        subcommands = {EstimateCostBench.class, ThroughputBench.class, RobustnessBench.class, FidelityBench.class,
                ExecutorBench.class})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--suite", paramLabel = "FILE",
            description = "Run a benchmark suite (search-spaces/suites/*.yaml): analytical, grid and random search per task.")
    java.nio.file.Path suite;

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR",
            description = "Report folder, new or empty (default: reports/benchmark/<suite name>/).")
    java.nio.file.Path out;

    @picocli.CommandLine.Option(names = "--resume", paramLabel = "DIR",
            description = "Finish the interrupted suite in DIR: finished tasks kept (each checked against the suite file), "
                    + "the task that was running resumed without training its finished trials again, the rest run; "
                    + "tasks.csv, statistics.csv and summary.md rebuilt from the task folders. Costs at most the trials "
                    + "that were running when it stopped.")
    java.nio.file.Path resume;

    @picocli.CommandLine.Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @picocli.CommandLine.Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        if (suite == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --suite FILE or a benchmark name");
        }
        if (resume != null && out != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --out DIR or --resume DIR, not both");
        }
        SuiteRun.run(suite, out, resume, spec.commandLine().getOut(), spark.master, spark.conf);
        return 0;
    }
}
