package org.tstar.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.TrialResult;
import org.tstar.model.TrialStatus;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.trial.TemperatureTrial;

/** Test fixtures: searches whose trials read a known score curve instead of training. */
public final class KnownCurves {
    private KnownCurves() {
    }

    /** A smooth accuracy-like bump in log T with its maximum 0.95 at {@code optimum}. */
    public static DoubleUnaryOperator bump(double optimum) {
        return t -> 0.5 + 0.45 * Math.exp(-Math.pow(Math.log(t / optimum), 2) / 2);
    }

    /** A trial that reports the curve as validation accuracy (and 0.01 less as test accuracy). */
    public static TemperatureTrial trial(DoubleUnaryOperator curve) {
        return t -> new TrialResult(t, TrialStatus.COMPLETED, "", 2, 200, 0.001, 1e6, curve.applyAsDouble(t),
                1 - curve.applyAsDouble(t), curve.applyAsDouble(t) - 0.01);
    }

    /** The default digits space with {@code parallelism: 1} replaced by {@code overrides}. */
    public static SearchSpaceDefinition space(String overrides) {
        return space(overrides, 20);
    }

    /** As {@link #space(String)}, with a recipe of {@code epochs} instead of the default 20. */
    public static SearchSpaceDefinition space(String overrides, int epochs) {
        try {
            String text = Files.readString(Path.of("search-spaces/digits-linear.yaml"));
            return SpaceFileReader.parse(text.replace("parallelism: 1", overrides)
                    .replace("epochs: 20", "epochs: " + epochs), "test.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A task on {@code space} whose estimate is {@code estimate} and whose trials are {@code trial}; no data. */
    public static SearchTask task(SearchSpaceDefinition space, double estimate, TemperatureTrial trial) {
        TemperatureCoefficients k = TemperatureCoefficients.load("paper");
        AnalyticalTemperature.Estimate e = AnalyticalTemperature.estimate(64, 10, Double.NaN, k);
        AnalyticalTemperature.Estimate fixed = new AnalyticalTemperature.Estimate(e.featureWidth(), e.classes(), e.csg(),
                e.widthTerm(), e.intercept(), e.difficultyTerm(), e.classTerm(), estimate, estimate, k, null);
        return new SearchTask(space, null, fixed, 2, trial);
    }
}
