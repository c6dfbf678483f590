package org.tstar.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tstar.InvalidInputException;

/**
 * Generates a balanced synthetic classification task: each class is a unit-variance Gaussian around a mean
 * placed at distance {@code separation} from the origin in a seeded random direction, so width, class count
 * and difficulty are controlled independently.
 */
public record GaussianMixture(int samples, int dim, int classes, double separation, long seed) {

    public GaussianMixture {
        if (dim < 1) {
            throw new InvalidInputException("synthetic: dim must be ≥ 1, got " + dim);
        }
        if (classes < 2) {
            throw new InvalidInputException("synthetic: classes must be ≥ 2, got " + classes);
        }
        if (samples < classes) {
            throw new InvalidInputException("synthetic: n must be ≥ classes (" + classes + "), got " + samples);
        }
        if (!(separation >= 0) || Double.isInfinite(separation)) {
            throw new InvalidInputException("synthetic: sep must be a finite number ≥ 0, got " + separation);
        }
    }

    public FeatureSet generate() {
        Random random = new Random(seed);
        double[][] means = new double[classes][dim];
        for (double[] mean : means) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                mean[j] = random.nextGaussian();
                norm += mean[j] * mean[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                mean[j] *= separation / norm;
            }
        }
        float[] values = new float[samples * dim];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int c = i % classes;
            labels[i] = c;
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] = (float) (means[c][j] + random.nextGaussian());
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        String name = "synthetic-n" + samples + "-d" + dim + "-c" + classes + "-s" + separation + "-seed" + seed;
        return new FeatureSet(name, samples, dim, values, labels, names);
    }
}
