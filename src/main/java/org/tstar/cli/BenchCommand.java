package org.tstar.cli;

import picocli.CommandLine.Command;

/** {@code tstar bench}: benchmarks that write their measurements under {@code reports/}. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that write reports.",
        subcommands = {EstimateCostBench.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a benchmark name is required");
    }
}
