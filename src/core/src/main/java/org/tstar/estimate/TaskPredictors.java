package org.tstar.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tstar.InvalidInputException;

/**
 * The training-free description of one task that a {@link TransferPrior} predicts T* from: the head's width and
 * kind, the data (classes, difficulty, samples, a closed-form separability probe) and the training recipe (updater,
 * learning rate, epochs, batch size). Nothing here needs the classifier trained.
 *
 * @param head    {@code linear+bn}, {@code mlp} or {@code cosine}
 * @param updater {@code adam}, {@code sgd} or {@code nesterovs}
 */
public record TaskPredictors(int width, int classes, double csg, int trainSamples, String head, String updater,
                             double learningRate, int epochs, int batchSize, SeparabilityProbe probe) {

    /** Every candidate predictor a prior may use, by name, with what it measures. */
    public static final Map<String, String> CANDIDATES = candidates();

    private static Map<String, String> candidates() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("lnM", "ln of the width M of the features feeding the output layer");
        c.put("lnEffectiveWidth", "ln min(M, participation ratio (Σλ)²/Σλ² of the head's input features): the directions "
                + "the output layer's features can span");
        c.put("lnC", "ln of the number of classes C");
        c.put("lnCsg", "ln of the cumulative spectral gradient (task difficulty, floored at 1e-6)");
        c.put("lnSamples", "ln of the training samples n");
        c.put("lnLearningRate", "ln of the updater's learning rate");
        c.put("lnAdamLearningRate", "ln of the learning rate under Adam, whose steps do not scale with the gradient "
                + "as T scales it (0 under SGD and Nesterov momentum, which gradientScaled separates)");
        c.put("lnSteps", "ln of the optimizer steps, epochs × ⌈n / batch size⌉");
        c.put("probeAccuracy", "held-out accuracy of a closed-form ridge probe on the training split");
        c.put("probeGap", "the ridge probe's fit-minus-held-out accuracy (how far a linear head of this width overfits)");
        c.put("mlp", "1 for an MLP head (M is its last hidden width), else 0");
        c.put("gradientScaled", "1 for SGD or Nesterov momentum, whose steps T scales with the gradient; 0 for Adam");
        return java.util.Collections.unmodifiableMap(c);
    }

    public TaskPredictors {
        if (width < 1 || classes < 2 || trainSamples < 1 || !(learningRate > 0) || epochs < 1 || batchSize < 1) {
            throw new InvalidInputException("predictors: need M ≥ 1, C ≥ 2, n ≥ 1, learning rate > 0, epochs ≥ 1 and "
                    + "batch size ≥ 1, got M = " + width + ", C = " + classes + ", n = " + trainSamples + ", learning rate "
                    + learningRate + ", epochs " + epochs + ", batch size " + batchSize);
        }
    }

    /** The optimizer steps the recipe takes. */
    public long steps() {
        return (long) epochs * ((trainSamples + batchSize - 1) / batchSize);
    }

    /** The value of the candidate predictor {@code name} (one of {@link #CANDIDATES}). */
    public double value(String name) {
        return switch (name) {
            case "lnM" -> Math.log(width);
            // an MLP's M hidden features cannot span more directions than M, nor than its inputs do
            case "lnEffectiveWidth" -> Math.log(Math.min(width, probe.effectiveWidth()));
            case "lnC" -> Math.log(classes);
            case "lnCsg" -> Math.log(Math.max(AnalyticalTemperature.MIN_CSG, csg));
            case "lnSamples" -> Math.log(trainSamples);
            case "lnLearningRate" -> Math.log(learningRate);
            case "lnAdamLearningRate" -> updater.equals("adam") ? Math.log(learningRate) : 0;
            case "lnSteps" -> Math.log(steps());
            case "probeAccuracy" -> probe.heldOutAccuracy();
            case "probeGap" -> probe.gap();
            case "mlp" -> head.equals("mlp") ? 1 : 0;
            case "gradientScaled" -> updater.equals("adam") ? 0 : 1;
            default -> throw new InvalidInputException("prior: unknown predictor '" + name + "' (known: "
                    + String.join(", ", CANDIDATES.keySet()) + ")");
        };
    }
}
