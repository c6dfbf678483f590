package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.bench.FidelityAnalysis;
import org.tstar.bench.HalvingReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tstar bench fidelity --reports DIR}: how far epoch-1 rankings of temperature can be trusted, per task, and
 * what seeded successive halving would pick under several settings, replayed on the recorded grid curves.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Rank correlation of early and final validation accuracy over each task's grid, and seeded "
                + "successive halving replayed on the recorded curves (from curves.csv).")
final class FidelityBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reports", required = true, paramLabel = "DIR", description = "A suite report folder (tstar bench --suite).")
    Path reports;

    @Option(names = "--verbose", description = "Show stack traces.") boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(FidelityAnalysis.run(reports));
        spec.commandLine().getOut().printf("%n%s", HalvingReplay.run(reports));
        spec.commandLine().getOut().printf("%nwrote %s, %s, %s and %s%n", reports.resolve(FidelityAnalysis.FILE),
                reports.resolve("fidelity.md"), reports.resolve(HalvingReplay.FILE), reports.resolve("halving-replay.md"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
