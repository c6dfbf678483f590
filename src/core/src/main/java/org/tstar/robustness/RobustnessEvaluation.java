package org.tstar.robustness;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tstar.data.SeededPermutation;

/**
 * Measures a trained network's accuracy under Gaussian noise, FGSM and PGD on a seeded sample of rows of a split,
 * in batches (memory stays bounded on MNIST-size splits).
 */
public final class RobustnessEvaluation {
    private static final int BATCH = 1000;

    private RobustnessEvaluation() {
    }

    /** Accuracies on the test part and the robust score on the validation part; NONE when nothing is asked. */
    public static Robustness evaluate(MultiLayerNetwork trained, INDArray validationFeatures, INDArray validationLabels,
                                      double validationAccuracy, INDArray testFeatures, INDArray testLabels,
                                      InputRange range, RobustnessSettings settings) {
        if (!settings.evaluates()) {
            return Robustness.NONE;
        }
        InputGradient model = InputGradient.of(trained);
        double[] test = accuracies(model, testFeatures, testLabels, range, settings);
        double[] validation = accuracies(model, validationFeatures, validationLabels, range, settings);
        // the strongest measure configured: PGD, else FGSM, else noise
        double strongest = !Double.isNaN(validation[2]) ? validation[2] : !Double.isNaN(validation[1]) ? validation[1] : validation[0];
        double w = settings.objectiveWeight();
        return new Robustness(test[0], test[1], test[2], (1 - w) * validationAccuracy + w * strongest);
    }

    /** Noise, FGSM and PGD accuracy (NaN where not configured) on at most {@code samples} seeded rows. */
    public static double[] accuracies(InputGradient model, INDArray features, INDArray labels, InputRange range,
                                      RobustnessSettings settings) {
        int n = (int) features.rows();
        int[] rows = Arrays.copyOf(SeededPermutation.of(n, new Random(settings.seed())), Math.min(n, settings.samples()));
        long[] survived = new long[3];
        for (int from = 0; from < rows.length; from += BATCH) {
            int[] batch = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + BATCH));
            INDArray x = features.getRows(batch);
            INDArray y = labels.getRows(batch);
            long batchSeed = settings.seed() * 1_000_003L + from;
            if (!Double.isNaN(settings.noiseSigma())) {
                survived[0] += count(model.correct(new GaussianNoise(settings.noiseSigma(), batchSeed).corrupt(x, range), y));
            }
            boolean[] fgsm = null;
            if (!Double.isNaN(settings.fgsmEpsilon())) {
                fgsm = new FastGradientSign(settings.fgsmEpsilon()).survives(model, x, y, range);
                survived[1] += count(fgsm);
            }
            if (settings.pgd() != null) {
                ProjectedGradientDescent pgd = new ProjectedGradientDescent(settings.pgd(), batchSeed);
                survived[2] += count(fgsm != null && settings.fgsmEpsilon() == settings.pgd().epsilon()
                        ? pgd.survivesAfter(fgsm, model, x, y, range) : pgd.survives(model, x, y, range));
            }
        }
        return new double[] {
                Double.isNaN(settings.noiseSigma()) ? Double.NaN : (double) survived[0] / rows.length,
                Double.isNaN(settings.fgsmEpsilon()) ? Double.NaN : (double) survived[1] / rows.length,
                settings.pgd() == null ? Double.NaN : (double) survived[2] / rows.length};
    }

    private static long count(boolean[] ok) {
        long c = 0;
        for (boolean b : ok) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
