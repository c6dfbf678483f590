package org.tstar.search;

import java.util.Locale;
import org.tstar.data.DataSplit;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.SeparabilityProbe;
import org.tstar.estimate.TaskPredictors;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.model.HeadType;
import org.tstar.model.TrainingRecipe;
import org.tstar.search.config.SearchSpaceDefinition;

/**
 * What T̂* comes from for a space's head: a coefficient set, or a transfer prior with the paper's set beside it for
 * reports. Resolved (its file read and checked) before any data loads, so a bad name is refused at once. Nothing
 * here trains: the estimate and every predictor the prior reads come from the recipe and the data.
 */
public record EstimateSource(TemperatureCoefficients coefficients, TransferPrior prior) {

    /**
     * {@code name} is a coefficient set or a prior. A prior was fitted on BN + linear and MLP heads: a cosine head
     * keeps the bundled cosine set.
     */
    public static EstimateSource resolve(SearchSpaceDefinition space, String name) {
        boolean cosine = space.head().type() == HeadType.COSINE;
        TransferPrior prior = !cosine && TransferPrior.names(name) ? TransferPrior.load(name) : null;
        return new EstimateSource(TemperatureCoefficients.forHead(prior != null ? "paper" : name, cosine), prior);
    }

    /** T̂* on the training part of {@code split}. */
    public AnalyticalTemperature.Estimate estimate(SearchSpaceDefinition space, DataSplit split,
                                                   CumulativeSpectralGradient csg) {
        AnalyticalTemperature.Estimate estimate = AnalyticalTemperature.estimate(
                space.head().featureWidth(split.width()), split.train(), coefficients, csg);
        return prior == null ? estimate : estimate.withPrior(prior.predict(predictors(space, split, estimate.csg())));
    }

    /**
     * The training-free predictors a transfer prior reads for this space: head, recipe, and the training split's
     * size, difficulty {@code csg} and separability probe. For an MLP head the probe, like csg, sees the head's input.
     */
    public static TaskPredictors predictors(SearchSpaceDefinition space, DataSplit split, double csg) {
        TrainingRecipe recipe = space.recipe();
        String head = space.head().type() == HeadType.LINEAR ? "linear+bn"
                : space.head().type().name().toLowerCase(Locale.ROOT);
        return new TaskPredictors(space.head().featureWidth(split.width()), split.classCount(), csg, split.train().rows(),
                head, recipe.updater().name().toLowerCase(Locale.ROOT), recipe.learningRate(), recipe.epochs(),
                recipe.batchSize(), SeparabilityProbe.measure(split.train(), space.data().split().seed()));
    }
}
