package org.tstar.estimate;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Ordinary least squares of ln T* on an intercept and a transfer prior's predictors, with what a prediction needs:
 * the predictors' means and fitted ranges and the inverse Gram matrix (for leverage).
 */
record LogTemperatureRegression(List<String> predictors, double[] weights, double[] means, double[][] ranges,
                   double[][] inverseGram) {

    /**
     * A predictor constant over these tasks (an updater only one dataset uses, in the fold that leaves it out) has
     * nothing to be fitted on: its weight is fixed at 0. Null when there are too few tasks or the design is
     * singular.
     */
    static LogTemperatureRegression fit(List<TransferPriorFit.Observation> observations, List<String> predictors) {
        int n = observations.size();
        List<String> free = predictors.stream().filter(c -> TransferPriorFit.varies(observations, c)).toList();
        int p = free.size() + 1;
        if (n < p + 1) {
            return null;
        }
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            TransferPriorFit.Observation o = observations.get(i);
            x[i][0] = 1;
            for (int j = 1; j < p; j++) {
                x[i][j] = o.predictors().value(free.get(j - 1));
            }
            y[i] = Math.log(o.gridOptimalTemperature());
        }
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] w;
        double[][] inverse;
        try {
            w = new QRDecomposition(design, 1e-10).getSolver().solve(new ArrayRealVector(y, false)).toArray();
            inverse = new LUDecomposition(design.transpose().multiply(design), 1e-14).getSolver().getInverse().getData();
        } catch (SingularMatrixException e) {
            return null;
        }
        // back to the order of {@code predictors}, fixed terms at 0
        int q = predictors.size() + 1;
        int[] at = new int[q];
        at[0] = 0;
        for (int j = 1; j < q; j++) {
            at[j] = free.indexOf(predictors.get(j - 1)) + 1;
        }
        double[] weights = new double[q];
        double[] means = new double[q - 1];
        double[][] inverseGram = new double[q][q];
        for (int a = 0; a < q; a++) {
            weights[a] = at[a] == 0 && a > 0 ? 0 : w[at[a]];
            for (int b = 0; b < q; b++) {
                boolean fixed = (a > 0 && at[a] == 0) || (b > 0 && at[b] == 0);
                inverseGram[a][b] = fixed ? 0 : inverse[at[a]][at[b]];
            }
        }
        double[][] ranges = new double[q - 1][];
        for (int j = 1; j < q; j++) {
            ranges[j - 1] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (TransferPriorFit.Observation o : observations) {
                double v = o.predictors().value(predictors.get(j - 1));
                means[j - 1] += v / n;
                ranges[j - 1][0] = Math.min(ranges[j - 1][0], v);
                ranges[j - 1][1] = Math.max(ranges[j - 1][1], v);
            }
        }
        return new LogTemperatureRegression(predictors, weights, means, ranges, inverseGram);
    }

    double predict(TaskPredictors task) {
        double log = weights[0];
        for (int j = 1; j < weights.length; j++) {
            // as the prior predicts: never past the range the weight was fitted on
            log += weights[j] * Math.min(ranges[j - 1][1], Math.max(ranges[j - 1][0], task.value(predictors.get(j - 1))));
        }
        return log;
    }
}
