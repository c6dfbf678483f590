package org.tstar.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.tstar.InvalidInputException;
import org.tstar.bench.RunStoppedException;
import org.tstar.model.Nd4jNativeBuild;
import org.tstar.report.ReportWriteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tstar} command line: wires the subcommands and turns every refused input into one line on stderr
 * with exit code 2 (a stack trace only with {@code --verbose}).
 */
@Command(name = "tstar", mixinStandardHelpOptions = true, version = "tstar 0.1.0",
        description = "Training-free softmax temperature estimates that seed DL4J Arbiter searches.",
        subcommands = {TrainCommand.class, EstimateCommand.class, SearchCommand.class, CompareCommand.class,
                BenchCommand.class, FitCommand.class})
public final class TstarCommand implements Runnable {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INTERNAL = 1;
    /** A search or comparison ran but a strategy has no completed trial, hence no temperature to report. */
    static final int EXIT_ALL_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            // before anything loads ND4J: JavaCPP picks the native build when it first loads
            Nd4jNativeBuild.selectBeforeNd4jLoads();
        } catch (InvalidInputException e) {
            err.println("tstar: " + firstLine(e.getMessage()));
            System.exit(EXIT_BAD_INPUT);
        }
        System.exit(execute(args, new PrintWriter(System.out, true), err));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // Must happen before the first logger is created: slf4j-simple reads its level once.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        if (verbose) {
            // Spark's warnings (driver host, unreachable master) help when a cluster run goes wrong
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark", "warn");
        }
        CommandLine cli = new CommandLine(new TstarCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("tstar: " + firstLine(ex.getMessage()) + " (see tstar "
                    + ex.getCommandLine().getCommandName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (verbose) {
                ex.printStackTrace(err);
            }
            if (ex instanceof InvalidInputException || ex instanceof RunStoppedException || ex instanceof ReportWriteException) {
                err.println("tstar: " + firstLine(ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            err.println("tstar: internal error: " + ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage())
                    + (verbose ? "" : " (run with --verbose for the stack trace)"));
            return EXIT_INTERNAL;
        });
        return cli.execute(args);
    }

    static String firstLine(String message) {
        return InvalidInputException.firstLine(message, "(no message)");
    }
}
