package org.tstar.model;

import org.tstar.InvalidInputException;

/**
 * How every trial of a search is trained, held fixed while only the temperature varies: optimizer, learning
 * rate, epochs, minibatch size and the seed that fixes both the initial weights and the minibatch order.
 */
public record TrainingRecipe(UpdaterKind updater, double learningRate, int epochs, int batchSize, long seed)
        implements java.io.Serializable {

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
}
