package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.InvalidInputException;
import org.tstar.bench.PreparedSpace;
import org.tstar.bench.ReportedRun;
import org.tstar.bench.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.tstar.search.trial.Strategy;

/**
 * {@code tstar compare}: the analytical search and Arbiter's full grid on the same data, recipe and seeds, and
 * what the analytical one saved and reached.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the analytical search and the full grid on one space and report compute saved and accuracy reached.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", description = "The search-space file (default: search-spaces/digits-linear.yaml).")
    Path space;

    @Option(names = "--strategy", defaultValue = "analytical",
            description = "The seeded search set against the grid: analytical or analytical-sh (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        Strategy seeded = Strategy.parse(strategy);
        if (!seeded.seeded()) {
            throw new InvalidInputException("--strategy: '" + strategy + "' is not a seeded search (analytical or analytical-sh)");
        }
        RunSettings settings = run.settings();
        PreparedSpace prepared = PreparedSpace.load(space != null ? space : PreparedSpace.defaultSpace());
        boolean everyStrategyChose = ReportedRun.compare(prepared, seeded, settings, spec.commandLine().getOut());
        return everyStrategyChose ? 0 : TstarCommand.EXIT_ALL_FAILED;
    }
}
