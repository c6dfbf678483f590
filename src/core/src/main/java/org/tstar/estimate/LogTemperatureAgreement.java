package org.tstar.estimate;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * How predicted temperatures agree with grid optima in ln T, the scale temperature optima live on: the RMSE of
 * ln T̂ − ln T* and Pearson's r between them (NaN with fewer than three pairs or a constant prediction).
 */
public record LogTemperatureAgreement(double rmse, double pearson, int pairs) {

    /** {@code predicted[i]} against {@code optimal[i]}, both temperatures > 0. */
    public static LogTemperatureAgreement of(double[] predicted, double[] optimal) {
        int n = predicted.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double squares = 0;
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(predicted[i]);
            y[i] = Math.log(optimal[i]);
            squares += Math.pow(Math.log(predicted[i] / optimal[i]), 2);
        }
        boolean varies = false;
        for (int i = 1; i < n; i++) {
            varies |= x[i] != x[0];
        }
        return new LogTemperatureAgreement(n == 0 ? Double.NaN : Math.sqrt(squares / n),
                n > 2 && varies ? new PearsonsCorrelation().correlation(x, y) : Double.NaN, n);
    }
}
