package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.bench.PreparedSpace;
import org.tstar.bench.ReportedRun;
import org.tstar.bench.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.tstar.search.trial.Strategy;

/** {@code tstar search}: one strategy's temperature search on a space, with its trial log and summary. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the softmax temperature of a space with one strategy (analytical, grid, random, analytical-sh, sh or hyperband).")
final class SearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", required = true, description = "The search-space file.")
    Path space;

    @Option(names = "--strategy", defaultValue = "analytical",
            description = "analytical, grid, random, analytical-sh, sh or hyperband (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        Strategy chosen = Strategy.parse(strategy);
        RunSettings settings = run.settings();
        PreparedSpace prepared = PreparedSpace.load(space);
        boolean chose = ReportedRun.search(prepared, chosen, settings, spec.commandLine().getOut());
        return chose ? 0 : TstarCommand.EXIT_ALL_FAILED;
    }
}
