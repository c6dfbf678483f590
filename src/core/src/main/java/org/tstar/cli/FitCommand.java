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
        description = "Refit (alpha, beta, gamma, delta) of the estimate, and fit a transfer prior, on benchmark reports.")
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

    @Option(names = "--prior", paramLabel = "FILE",
            description = "Also write the transfer prior (analytical.coefficients or --coefficients accept the file).")
    Path prior;

    @Option(names = "--hold-out", arity = "1..*", paramLabel = "DATASET",
            description = "Datasets kept out of every fit and only predicted (e.g. mnist).")
    List<String> holdOut = List.of();

    @Option(names = "--score-on", arity = "1..*", paramLabel = "DATASET|DIR",
            description = "Score the prior's leave-one-dataset-out selection and every cross-validated figure on these "
                    + "datasets only (a --reports folder: all its datasets); the others are fitted on, never scored.")
    List<String> scoreOn = List.of();

    @Option(names = "--verbose", description = "Show stack traces.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CoefficientRefit refit = CoefficientRefit.of(reports, holdOut, scoreOn);
        refit.write(out, prior, report);
        spec.commandLine().getOut().print(refit.markdown());
        spec.commandLine().getOut().printf("%ntask predictors computed without training in %.0f s (data loading included)%n"
                        + "wrote %s%s%s%n", refit.predictorSeconds(), out, prior != null ? ", " + prior : "",
                report != null ? " and " + report : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
