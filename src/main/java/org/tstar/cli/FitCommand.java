package org.tstar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tstar.bench.CoefficientRefit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tstar fit}: refits the estimate's coefficients on the grid-optimal temperatures of benchmark reports
 * and writes them as a coefficient set ({@code --coefficients FILE}, or shipped as {@code fitted}).
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Refit (alpha, beta, gamma, delta) of the estimate on benchmark reports (their tasks.csv).")
final class FitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reports", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Benchmark folders (each with a tasks.csv from tstar bench --suite).")
    List<Path> reports;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The coefficients file to write.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the fit's errors and per-task predictions as markdown.")
    Path report;

    @Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CoefficientRefit refit = CoefficientRefit.of(reports);
        refit.write(out, report);
        spec.commandLine().getOut().print(refit.markdown());
        spec.commandLine().getOut().printf("%nwrote %s%s%n", out, report != null ? " and " + report : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
