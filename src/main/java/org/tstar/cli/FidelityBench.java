package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.bench.FidelityAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench fidelity --reports DIR}: how far epoch-1 rankings of temperature can be trusted, per task. */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Rank correlation of early and final validation accuracy over each task's grid (from curves.csv).")
final class FidelityBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reports", required = true, paramLabel = "DIR", description = "A suite report folder (tstar bench --suite).")
    Path reports;

    @Option(names = "--verbose", description = "Show stack traces.") boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(FidelityAnalysis.run(reports));
        spec.commandLine().getOut().printf("%nwrote %s and %s%n", reports.resolve(FidelityAnalysis.FILE),
                reports.resolve("fidelity.md"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
