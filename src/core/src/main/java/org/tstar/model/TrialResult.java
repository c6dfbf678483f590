package org.tstar.model;

import org.tstar.robustness.Robustness;

/**
 * What one training run at one temperature produced and cost.
 *
 * <p>Compute: {@code samplePasses} = epochs × training rows (each a forward and backward pass of one sample);
 * {@code flops} = 6 × trainable parameters × sample passes, the usual dense-network estimate (2 FLOPs per
 * parameter forward, 4 backward), plus under adversarial training one such pass per PGD step of each attacked row;
 * the robustness attacks after training are not counted. {@code evaluationFlops}: the forward passes of the
 * validation part after each epoch but the last (2 × parameters × validation rows each), which a learning curve
 * costs; the last epoch's evaluation is the trial's own and is not counted. {@code validationLoss} is the mean
 * cross-entropy of the tempered softmax on the validation part (the plain CE even when the head trains on the
 * rescaled loss, so losses are comparable across temperatures). {@code robustness}: accuracies under noise, FGSM
 * and PGD when the space asks for them ({@link Robustness#NONE} otherwise).
 */
public record TrialResult(double temperature, TrialStatus status, String failureReason, int epochs,
                          long samplePasses, double seconds, double flops, double validationAccuracy,
                          double validationLoss, double testAccuracy, Robustness robustness, double evaluationFlops)
        implements java.io.Serializable {

    /** A result without robustness measures or a learning curve. */
    public TrialResult(double temperature, TrialStatus status, String failureReason, int epochs, long samplePasses,
                       double seconds, double flops, double validationAccuracy, double validationLoss, double testAccuracy) {
        this(temperature, status, failureReason, epochs, samplePasses, seconds, flops, validationAccuracy, validationLoss,
                testAccuracy, Robustness.NONE, 0);
    }

    /** A result without a learning curve's evaluations. */
    public TrialResult(double temperature, TrialStatus status, String failureReason, int epochs, long samplePasses,
                       double seconds, double flops, double validationAccuracy, double validationLoss, double testAccuracy,
                       Robustness robustness) {
        this(temperature, status, failureReason, epochs, samplePasses, seconds, flops, validationAccuracy, validationLoss,
                testAccuracy, robustness, 0);
    }

    public boolean completed() {
        return status == TrialStatus.COMPLETED;
    }

    public boolean pruned() {
        return status == TrialStatus.PRUNED;
    }

    /** Everything the trial cost: training (and attack) FLOPs and its learning curve's evaluations. */
    public double totalFlops() {
        return flops + evaluationFlops;
    }

    public static TrialResult failed(double temperature, String reason, int epochs, long samplePasses,
                                     double seconds, double flops) {
        return new TrialResult(temperature, TrialStatus.FAILED, reason, epochs, samplePasses, seconds, flops,
                Double.NaN, Double.NaN, Double.NaN);
    }
}
