package org.tstar.bench;

import java.io.PrintWriter;
import java.util.List;
import org.tstar.data.DataSplit;
import org.tstar.data.TaskData;
import org.tstar.model.HeadSpec;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrainingRecipe;
import org.tstar.model.TrialResult;

/**
 * One head trained at a list of temperatures on one split with one recipe, outside any search: what each reached,
 * a line per temperature.
 */
public record TemperatureSweep(TaskData data, HeadSpec head, TrainingRecipe recipe, List<Double> temperatures) {

    public TemperatureSweep {
        temperatures = List.copyOf(temperatures);
    }

    /** Trains at every temperature in turn, printing each result as it ends; returns them in order. */
    public List<TrialResult> run(PrintWriter out) {
        DataSplit split = data.prepare();
        PreparedSplit prepared = PreparedSplit.of(split);
        TemperatureTrainer trainer = new TemperatureTrainer(head, recipe);
        out.printf("data %s: %d train / %d validation / %d test, M = %d, C = %d; head %s; %s lr %s, %d epochs%n",
                data.source().spec(), split.train().rows(), split.validation().rows(), split.test().rows(),
                head.featureWidth(split.width()), split.classCount(), head, recipe.updater().name().toLowerCase(),
                recipe.learningRate(), recipe.epochs());
        out.printf("%10s  %8s  %8s  %8s  %7s  %s%n", "T", "val_acc", "val_loss", "test_acc", "seconds", "status");
        return temperatures.stream().map(t -> {
            TrialResult r = trainer.train(prepared, t);
            out.printf("%10.4g  %8.4f  %8.4f  %8.4f  %7.2f  %s%n", t, r.validationAccuracy(), r.validationLoss(),
                    r.testAccuracy(), r.seconds(), r.completed() ? "completed" : "failed: " + r.failureReason());
            return r;
        }).toList();
    }
}
