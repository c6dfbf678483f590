package org.tstar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tstar.bench.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench throughput}: samples/second of one trial and the runner's overhead, per OMP_NUM_THREADS. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Samples/second of one trial's training and the runner's per-candidate overhead, per OMP_NUM_THREADS.")
final class ThroughputBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "OMP_NUM_THREADS values (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--workloads", split = ",", defaultValue = "bn-linear,mnist-mlp,runner-overhead",
            description = "Any of bn-linear, mnist-mlp (needs bash scripts/fetch-data.sh), runner-overhead.")
    List<String> workloads;

    @Option(names = "--rows", defaultValue = "20000", description = "Training rows of the bn-linear workload (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs per timed trial (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed trials per workload after one warm-up; the median is reported.")
    int repeats;

    @Option(names = "--out", defaultValue = "reports/benchmark/throughput.csv", paramLabel = "FILE") Path out;

    @Option(names = "--verbose", description = "Show stack traces.") boolean verbose;

    @Override
    public Integer call() throws Exception {
        new ThroughputBenchmark(threads, workloads, rows, epochs, repeats).run(out, spec.commandLine().getOut());
        return 0;
    }
}
