package org.tstar.model;

import org.tstar.InvalidInputException;

/**
 * How every trial of a search is trained, held fixed while only the temperature varies: optimizer, learning
 * rate, epochs, minibatch size and the seed that fixes both the initial weights and the minibatch order.
 */
public record TrainingRecipe(UpdaterKind updater, double learningRate, int epochs, int batchSize, long seed) {

    public TrainingRecipe {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("training.learningRate: must be a finite number > 0, got " + learningRate);
        }
        if (epochs < 1) {
            throw new InvalidInputException("training.epochs: must be ≥ 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("training.batchSize: must be ≥ 1, got " + batchSize);
        }
    }

    /** Adam at 1e-2, 20 epochs, batch 64, seed 42: enough to fit the bundled digits with a linear head. */
    public static TrainingRecipe standard() {
        return new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 20, 64, 42);
    }
}
