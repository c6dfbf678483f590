package org.tstar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tstar.InvalidInputException;
import org.tstar.bench.TemperatureSweep;
import org.tstar.model.HeadSpec;
import org.tstar.model.TemperatureScale;
import org.tstar.model.TrainingRecipe;
import org.tstar.model.UpdaterKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar train}: trains one head at a list of temperatures and prints what each reached. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier head at several softmax temperatures and print the accuracies.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TaskOptions task;

    @Option(names = "--temperatures", defaultValue = "0.1,0.3,1,3,10", split = ",",
            description = "Temperatures to train at (default: ${DEFAULT-VALUE}).")
    List<String> temperatures;

    @Option(names = "--no-batch-norm", description = "Leave out the BatchNormalization layer before the output.")
    boolean noBatchNorm;

    @Option(names = "--rescaled-loss", description = "Train on cross-entropy × T (CE divided by the inverse temperature).")
    boolean rescaledLoss;

    @Option(names = "--updater", defaultValue = "adam") String updater;
    @Option(names = "--learning-rate", defaultValue = "0.01") double learningRate;
    @Option(names = "--epochs", defaultValue = "20") int epochs;
    @Option(names = "--batch-size", defaultValue = "64") int batchSize;

    @Option(names = "--verbose", description = "Log at info level and show stack traces.")
    boolean verbose;

    @Override
    public Integer call() {
        List<Double> ts = parseTemperatures();
        HeadSpec headSpec = task.head(!noBatchNorm, rescaledLoss);
        TrainingRecipe recipe = new TrainingRecipe(UpdaterKind.parse(updater), learningRate, epochs, batchSize,
                task.seed);
        new TemperatureSweep(task.task(), headSpec, recipe, ts).run(spec.commandLine().getOut());
        return 0;
    }

    private List<Double> parseTemperatures() {
        List<Double> out = new ArrayList<>();
        for (String text : temperatures) {
            double t;
            try {
                t = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--temperatures: '" + text + "' is not a number");
            }
            try {
                out.add(TemperatureScale.requireValid(t));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--temperatures: " + e.getMessage());
            }
        }
        return out;
    }
}
