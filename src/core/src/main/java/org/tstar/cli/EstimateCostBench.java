package org.tstar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tstar.bench.EstimateCostBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench estimate-cost}: how long the training-free estimate takes as the number of rows grows. */
@Command(name = "estimate-cost", mixinStandardHelpOptions = true,
        description = "Time the CSG-based estimate at growing row counts and write reports/estimate-cost.csv.")
final class EstimateCostBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, description = "Data SPEC, e.g. the MNIST training files as idx:…")
    String data;

    @Option(names = "--sizes", split = ",", defaultValue = "7500,15000,30000,60000",
            description = "Row counts to time (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per size; the median is reported.")
    int repeats;

    @Option(names = "--out", defaultValue = "reports/estimate-cost.csv") Path out;

    @Option(names = "--verbose") boolean verbose;

    @Override
    public Integer call() throws Exception {
        new EstimateCostBenchmark(data, sizes, repeats).run(out, spec.commandLine().getOut());
        return 0;
    }
}
