package org.tstar.data;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.InvalidInputException;

/**
 * A PCA projection onto the leading principal components of a fitted feature set.
 *
 * <p>Cost: the fit forms the M × M covariance of at most {@link #FIT_ROW_CAP} rows (a seeded sample beyond
 * that: O(min(n, cap)·M²)) and one symmetric eigendecomposition (LAPACK syev, O(M³)); projecting is O(n·M·k).
 * On MNIST (784 dims) the fit takes well under a second on one core.
 */
public record PrincipalComponents(double[] mean, double[][] components, double[] explainedVariance) {
    /** Rows used to fit the covariance; more rarely changes the leading directions but costs linearly. */
    public static final int FIT_ROW_CAP = 10_000;

    /**
     * Widest feature set the fit takes: its M × M covariance (and the sampled rows) must fit in the memory a run
     * is given (8192² doubles = 512 MiB); wider data are refused before anything is allocated.
     */
    public static final int MAX_WIDTH = 8192;

    public static PrincipalComponents fit(FeatureSet set, int count, long seed) {
        if (set.width() > MAX_WIDTH) {
            throw new InvalidInputException(set.name() + ": PCA of " + set.width() + " features needs a " + set.width()
                    + " × " + set.width() + " covariance; at most " + MAX_WIDTH + " features are taken (reduce the width "
                    + "first, e.g. data.featureMap {type: relu, dim: 1024})");
        }
        if (count < 1 || count > set.width()) {
            throw new InvalidInputException(set.name() + ": PCA needs 1 ≤ components ≤ width " + set.width()
                    + ", got " + count);
        }
        int[] rows = sampleRows(set.rows(), FIT_ROW_CAP, seed);
        int width = set.width();
        double[] mean = new double[width];
        double[][] centered = new double[rows.length][width];
        for (int i = 0; i < rows.length; i++) {
            set.copyRow(rows[i], centered[i]);
            for (int j = 0; j < width; j++) {
                mean[j] += centered[i][j] / rows.length;
            }
        }
        for (double[] row : centered) {
            for (int j = 0; j < width; j++) {
                row[j] -= mean[j];
            }
        }
        INDArray x = Nd4j.create(centered);
        INDArray covariance = x.transpose().mmul(x).divi(rows.length).dup('f');
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(covariance, true);
        double[][] components = new double[count][width];
        double[] explained = new double[width];
        for (int k = 0; k < width; k++) {
            // syev returns ascending eigenvalues: the leading component is the last column.
            explained[k] = Math.max(0, eigenvalues.getDouble(width - 1 - k));
        }
        for (int k = 0; k < count; k++) {
            int column = width - 1 - k;
            for (int j = 0; j < width; j++) {
                components[k][j] = covariance.getDouble(j, column);
            }
        }
        return new PrincipalComponents(mean, components, explained);
    }

    public int dimensions() {
        return components.length;
    }

    public FeatureSet project(FeatureSet set) {
        int k = components.length;
        int width = set.width();
        float[] out = new float[set.rows() * k];
        double[] row = new double[width];
        for (int i = 0; i < set.rows(); i++) {
            set.copyRow(i, row);
            for (int c = 0; c < k; c++) {
                double dot = 0;
                double[] component = components[c];
                for (int j = 0; j < width; j++) {
                    dot += (row[j] - mean[j]) * component[j];
                }
                out[i * k + c] = (float) dot;
            }
        }
        return set.withFeatures(k, out, set.name());
    }

    /** All row indices if n ≤ cap, else a seeded sample of cap distinct rows in ascending order. */
    static int[] sampleRows(int n, int cap, long seed) {
        if (n <= cap) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] order = SeededPermutation.of(n, new Random(seed));
        int[] sample = java.util.Arrays.copyOf(order, cap);
        java.util.Arrays.sort(sample);
        return sample;
    }
}
