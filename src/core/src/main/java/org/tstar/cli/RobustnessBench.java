package org.tstar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tstar.bench.PreparedSpace;
import org.tstar.bench.RobustnessBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar bench robustness --space FILE}: clean and robust accuracy over the space's temperature grid. */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = {"Clean, noise, FGSM and PGD accuracy over a temperature grid, with and without adversarial training.",
                "An interrupted run starts over in a new folder (resuming it is not built: its trial logs are kept to read, not replayed)."})
final class RobustnessBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "A space file with a robustness block.")
    Path space;

    @Option(names = "--out", defaultValue = "reports/robustness", paramLabel = "DIR",
            description = "Report folder, new or empty (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--verbose", description = "Show stack traces.") boolean verbose;

    @Override
    public Integer call() throws Exception {
        RobustnessBenchmark.run(PreparedSpace.load(space), out, spec.commandLine().getOut());
        return 0;
    }
}
