package org.tstar.data;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.InvalidInputException;

/**
 * A PCA projection onto the leading principal components of a fitted feature set.
 *
 * <p>Cost: the fit forms the M × M covariance of at most {@link #FIT_ROW_CAP} rows (a seeded sample beyond
 * that: O(min(n, cap)·M²)) and one symmetric eigendecomposition in Java (Commons Math, O(M³): about 1.5 s for 784 dims); projecting is O(n·M·k).
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
        // the covariance through BLAS (its rounding differs between CPUs only in the last digits); the eigenvectors in
        // Java: ND4J's LAPACK syev returned eigenvectors that were not orthonormal under OpenBLAS's SkylakeX kernels
        // (|VᵀV − I| up to 0.6 on MNIST's 784 dims, eigenvalues still right), so a PCA map differed between CPUs
        INDArray x = Nd4j.create(centered);
        double[][] covariance = x.transpose().mmul(x).divi(rows.length).toDoubleMatrix();
        // constant columns carry no variance; Commons Math's QL iteration can fail to converge on exactly zero rows
        int[] varying = java.util.stream.IntStream.range(0, width).filter(j -> covariance[j][j] > 0).toArray();
        double[][] reduced = new double[varying.length][varying.length];
        for (int a = 0; a < varying.length; a++) {
            for (int b = 0; b < varying.length; b++) {
                reduced[a][b] = covariance[varying[a]][varying[b]];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(reduced, false));
        // eigenvalues come in descending order; ties keep Commons Math's order, the same on every CPU (Java arithmetic)
        double[] values = eigen.getRealEigenvalues();
        double[][] components = new double[count][width];
        double[] explained = new double[width];
        for (int k = 0; k < values.length; k++) {
            explained[k] = Math.max(0, values[k]);
        }
        for (int k = 0; k < count; k++) {
            if (k >= varying.length) {
                components[k][firstConstant(varying, width, k - varying.length)] = 1; // past the data's rank: unit axes
                continue;
            }
            RealVector v = eigen.getEigenvector(k);
            // an eigenvector's sign is arbitrary and flips with the last bits of the covariance: fix it (largest
            // loading positive), so the projected features are the same on every CPU
            int largest = 0;
            for (int a = 1; a < varying.length; a++) {
                largest = Math.abs(v.getEntry(a)) > Math.abs(v.getEntry(largest)) ? a : largest;
            }
            double sign = v.getEntry(largest) < 0 ? -1 : 1;
            for (int a = 0; a < varying.length; a++) {
                components[k][varying[a]] = sign * v.getEntry(a);
            }
        }
        return new PrincipalComponents(mean, components, explained);
    }

    /** The {@code n}-th column (0-based) not in the ascending {@code varying}: a direction of zero variance. */
    private static int firstConstant(int[] varying, int width, int n) {
        int seen = 0;
        for (int j = 0, a = 0; j < width; j++) {
            if (a < varying.length && varying[a] == j) {
                a++;
            } else if (seen++ == n) {
                return j;
            }
        }
        throw new IllegalStateException("no constant column " + n);
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
