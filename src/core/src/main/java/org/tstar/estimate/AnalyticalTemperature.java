package org.tstar.estimate;

import org.tstar.InvalidInputException;
import org.tstar.data.FeatureSet;

/**
 * The training-free temperature estimate T̂* = clip(α√M + β + γ·ln csg + δ·ln C) for a head whose output layer is
 * fed by M features (standardized by BatchNormalization) on a task with C classes and difficulty csg.
 */
public final class AnalyticalTemperature {
    /** csg is floored here before its logarithm: a perfectly separable task has csg = 0. */
    static final double MIN_CSG = 1e-6;

    private AnalyticalTemperature() {
    }

    /**
     * Every term of the estimate, separately. {@code unclipped} = widthTerm + intercept + difficultyTerm +
     * classTerm; {@code temperature} is it clipped to the coefficients' bounds, unless a transfer {@code prior}
     * (null if none) made the estimate: then it is the prior's, and the terms are the formula's beside it.
     */
    public record Estimate(int featureWidth, int classes, double csg, double widthTerm, double intercept,
                           double difficultyTerm, double classTerm, double unclipped, double temperature,
                           TemperatureCoefficients coefficients, TransferPrior.Prediction prior) {

        public boolean clipped() {
            return prior != null ? prior.clipped() : temperature != unclipped;
        }

        /** The formula's own T̂*, its sum clipped to the coefficients' bounds (under a prior, not the T̂* used). */
        public double formulaTemperature() {
            return coefficients.clip(unclipped);
        }

        /** This estimate made by a transfer prior: its T̂* is the prior's. */
        public Estimate withPrior(TransferPrior.Prediction p) {
            return new Estimate(featureWidth, classes, csg, widthTerm, intercept, difficultyTerm, classTerm, unclipped,
                    p.temperature(), coefficients, p);
        }
    }

    /**
     * The estimate for a task: csg is measured on {@code features} (the training part, as the head will see it).
     * For an MLP head the features feeding the output layer do not exist before training, so the difficulty is
     * measured on the head's input features while M is the last hidden width.
     */
    public static Estimate estimate(int featureWidth, FeatureSet features, TemperatureCoefficients k,
                                    CumulativeSpectralGradient csg) {
        return estimate(featureWidth, features.classCount(), csg.compute(features).csg(), k);
    }

    /** @param csg the task difficulty; ignored (may be NaN) when γ = 0 */
    public static Estimate estimate(int featureWidth, int classes, double csg, TemperatureCoefficients k) {
        if (featureWidth < 1) {
            throw new InvalidInputException("estimate: feature width M must be ≥ 1, got " + featureWidth);
        }
        if (classes < 2) {
            throw new InvalidInputException("estimate: number of classes C must be ≥ 2, got " + classes);
        }
        if (k.gamma() != 0 && !(csg >= 0)) {
            throw new InvalidInputException("estimate: csg must be a number ≥ 0, got " + csg);
        }
        double widthTerm = k.alpha() * Math.sqrt(featureWidth);
        double difficultyTerm = k.gamma() == 0 ? 0 : k.gamma() * Math.log(Math.max(MIN_CSG, csg));
        double classTerm = k.delta() == 0 ? 0 : k.delta() * Math.log(classes);
        double unclipped = widthTerm + k.beta() + difficultyTerm + classTerm;
        return new Estimate(featureWidth, classes, csg, widthTerm, k.beta(), difficultyTerm, classTerm, unclipped,
                k.clip(unclipped), k, null);
    }
}
