package org.tstar.model;

import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.tstar.InvalidInputException;

/** The optimizers a training recipe can name. */
public enum UpdaterKind {
    ADAM, SGD, NESTEROVS;

    /** Nesterov momentum is fixed at DL4J's customary 0.9. */
    public IUpdater create(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, 0.9);
        };
    }

    public static UpdaterKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("training.updater: '" + name + "' is not one of adam, sgd, nesterovs");
        }
    }
}
