package org.tstar.estimate;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.data.FeatureSet;
import org.tstar.data.SeededPermutation;

/**
 * How separable a task's features are, measured in closed form without training the classifier: a ridge
 * regression onto one-hot labels, W = (XᵀX + λ·n·I)⁻¹ XᵀY on standardized features, fitted on a seeded 70 % of the
 * training split and scored (argmax) on the other 30 %. Its held-out accuracy says how much signal a linear head can
 * find; its fit-minus-held-out gap says how much a head of this width can overfit these samples. The same Gram
 * matrix gives the features' effective width: M correlated features may span far fewer directions.
 *
 * @param fitAccuracy     accuracy on the 70 % it was solved on
 * @param heldOutAccuracy accuracy on the 30 % it never saw
 * @param effectiveWidth  the participation ratio (Σλ)² / Σλ² of the standardized features' covariance eigenvalues
 *                        (M for uncorrelated features, 1 for copies of one), from tr(G)² / ‖G‖²_F without eigenvalues
 */
public record SeparabilityProbe(double fitAccuracy, double heldOutAccuracy, double effectiveWidth) {
    /** Ridge strength per sample, on standardized features: enough to keep XᵀX invertible when M exceeds n. */
    public static final double RIDGE = 1e-2;
    /** Rows the probe solves on at most (a seeded sample): the Gram matrix costs n·M² either way. */
    public static final int ROW_CAP = 8000;

    public double gap() {
        return fitAccuracy - heldOutAccuracy;
    }

    /** The probe on {@code train} (the training split only: validation and test labels are never read). */
    public static SeparabilityProbe measure(FeatureSet train, long seed) {
        if (train.rows() < 10) {
            throw new org.tstar.InvalidInputException("separability probe: needs at least 10 training rows, got " + train.rows());
        }
        int n = Math.min(train.rows(), ROW_CAP * 10 / 7);
        int[] order = SeededPermutation.of(train.rows(), new Random(seed));
        int fitRows = Math.max(1, (int) Math.round(n * 0.7));
        int[] fit = Arrays.copyOf(order, fitRows);
        int[] held = Arrays.copyOfRange(order, fitRows, n);
        int m = train.width();
        int classes = train.classCount();
        double[] mean = new double[m];
        double[] sd = new double[m];
        double[] row = new double[m];
        for (int i : fit) {
            train.copyRow(i, row);
            for (int j = 0; j < m; j++) {
                mean[j] += row[j];
                sd[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            mean[j] /= fit.length;
            double variance = sd[j] / fit.length - mean[j] * mean[j];
            // a constant column carries nothing: scaled by 1 it stays 0 after centring
            sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        INDArray x = standardized(train, fit, mean, sd);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, fit.length, classes);
        for (int r = 0; r < fit.length; r++) {
            y.putScalar(r, train.label(fit[r]), 1);
        }
        // (XᵀX + λI)⁻¹XᵀY = Xᵀ(XXᵀ + λI)⁻¹Y: solve whichever system is smaller (ND4J's matrix inverse is slow)
        // XᵀX and XXᵀ share their non-zero eigenvalues, so either gives the participation ratio
        INDArray gram = m <= fit.length ? x.transpose().mmul(x) : x.mmul(x.transpose());
        double trace = x.mul(x).sumNumber().doubleValue();
        double frobenius = gram.mul(gram).sumNumber().doubleValue();
        double effectiveWidth = frobenius > 0 ? trace * trace / frobenius : 1;
        INDArray weights = m <= fit.length ? solve(gram, x.transpose().mmul(y), RIDGE * fit.length)
                : x.transpose().mmul(solve(gram, y, RIDGE * fit.length));
        double fitAccuracy = accuracy(x.mmul(weights), train, fit);
        double heldAccuracy = accuracy(standardized(train, held, mean, sd).mmul(weights), train, held);
        return new SeparabilityProbe(fitAccuracy, heldAccuracy, effectiveWidth);
    }

    /** (A + λI)⁻¹B for a symmetric positive semi-definite A, by Cholesky. */
    private static INDArray solve(INDArray a, INDArray b, double lambda) {
        double[][] matrix = a.toDoubleMatrix();
        for (int i = 0; i < matrix.length; i++) {
            matrix[i][i] += lambda;
        }
        RealMatrix solution = new CholeskyDecomposition(new Array2DRowRealMatrix(matrix, false), 1e-12, 1e-14)
                .getSolver().solve(new Array2DRowRealMatrix(b.toDoubleMatrix(), false));
        return Nd4j.create(solution.getData());
    }

    private static INDArray standardized(FeatureSet set, int[] rows, double[] mean, double[] sd) {
        int m = set.width();
        double[] values = new double[rows.length * m];
        double[] row = new double[m];
        for (int r = 0; r < rows.length; r++) {
            set.copyRow(rows[r], row);
            for (int j = 0; j < m; j++) {
                values[r * m + j] = (row[j] - mean[j]) / sd[j];
            }
        }
        return Nd4j.create(values, new long[] {rows.length, m}, 'c');
    }

    private static double accuracy(INDArray scores, FeatureSet set, int[] rows) {
        // argmax in Java: an ND4J argMax along a dimension adds a TAD pack per shape to ND4J's shared native cache,
        // which parallel trials in the same JVM read and grow from several threads
        double[][] s = scores.toDoubleMatrix();
        int right = 0;
        for (int r = 0; r < rows.length; r++) {
            int best = 0;
            for (int c = 1; c < s[r].length; c++) {
                best = s[r][c] > s[r][best] ? c : best;
            }
            right += best == set.label(rows[r]) ? 1 : 0;
        }
        return (double) right / rows.length;
    }
}
