package org.tstar.robustness;

/**
 * A trained trial's accuracies on perturbed test inputs (NaN: not measured), and the {@code robust} score of its
 * validation part: (1 − w) · clean accuracy + w · accuracy under the strongest configured measure.
 */
public record Robustness(double noiseAccuracy, double fgsmAccuracy, double pgdAccuracy, double robustScore)
        implements java.io.Serializable {
    public static final Robustness NONE = new Robustness(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
