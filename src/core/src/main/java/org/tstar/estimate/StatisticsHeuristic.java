package org.tstar.estimate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.tstar.InvalidInputException;

/**
 * The dataset-statistics alternative to the analytical estimate: an ordinary-least-squares regression of
 * ln(grid-optimal T) on chosen {@link FeatureStatistics}, with leave-one-dataset-out cross-validation (every
 * task of a dataset is held out together, so a dataset never predicts itself).
 */
public record StatisticsHeuristic(List<String> statistics, double intercept, double[] slopes, double rSquared,
                                  double crossValidatedLogError, int observations) {

    public static StatisticsHeuristic fit(List<GridObservation> observations, List<String> statistics) {
        if (statistics.isEmpty()) {
            throw new InvalidInputException("statistics heuristic: choose at least one statistic");
        }
        if (observations.size() < statistics.size() + 2) {
            throw new InvalidInputException("statistics heuristic: " + observations.size() + " grid results cannot fit "
                    + statistics.size() + " statistics (need at least " + (statistics.size() + 2) + ")");
        }
        double[] full = regress(observations, statistics);
        double r2 = rSquared(observations, statistics, full);
        Set<String> datasets = new LinkedHashSet<>();
        observations.forEach(o -> datasets.add(o.dataset()));
        double squaredError = 0;
        int predicted = 0;
        if (datasets.size() > 1) {
            for (String heldOut : datasets) {
                List<GridObservation> training = new ArrayList<>();
                List<GridObservation> test = new ArrayList<>();
                for (GridObservation o : observations) {
                    (o.dataset().equals(heldOut) ? test : training).add(o);
                }
                if (training.size() < statistics.size() + 1) {
                    continue;
                }
                double[] beta = regress(training, statistics);
                for (GridObservation o : test) {
                    double error = predictLog(beta, statistics, o.statistics()) - Math.log(o.gridOptimalTemperature());
                    squaredError += error * error;
                    predicted++;
                }
            }
        }
        double cvError = predicted > 0 ? Math.sqrt(squaredError / predicted) : Double.NaN;
        double[] slopes = java.util.Arrays.copyOfRange(full, 1, full.length);
        return new StatisticsHeuristic(List.copyOf(statistics), full[0], slopes, r2, cvError, observations.size());
    }

    /**
     * The one-statistic heuristic for each named statistic, best held-out error first; statistics constant over
     * the observations, or collinear with the intercept, say nothing about T* and are left out.
     */
    public static List<StatisticsHeuristic> fitEach(List<GridObservation> observations, java.util.Collection<String> names) {
        List<StatisticsHeuristic> fits = new ArrayList<>();
        for (String name : names) {
            double[] v = observations.stream().mapToDouble(o -> o.statistics().get(name)).toArray();
            double min = java.util.Arrays.stream(v).min().orElse(0);
            double max = java.util.Arrays.stream(v).max().orElse(0);
            if (!(max - min > 1e-9 * Math.max(1, Math.abs(max)))) {
                continue;
            }
            try {
                fits.add(fit(observations, List.of(name)));
            } catch (InvalidInputException collinear) {
                // no information in this statistic over these tasks: not a candidate
            }
        }
        fits.sort(java.util.Comparator.comparingDouble(h -> Double.isNaN(h.crossValidatedLogError())
                ? Double.POSITIVE_INFINITY : h.crossValidatedLogError()));
        return fits;
    }

    public double predict(FeatureStatistics stats) {
        double log = intercept;
        for (int i = 0; i < statistics.size(); i++) {
            log += slopes[i] * stats.get(statistics.get(i));
        }
        return Math.exp(log);
    }

    private static double[] regress(List<GridObservation> observations, List<String> statistics) {
        double[] y = new double[observations.size()];
        double[][] x = new double[observations.size()][statistics.size()];
        for (int i = 0; i < y.length; i++) {
            GridObservation o = observations.get(i);
            if (!(o.gridOptimalTemperature() > 0)) {
                throw new InvalidInputException("statistics heuristic: dataset '" + o.dataset()
                        + "' has grid-optimal temperature " + o.gridOptimalTemperature() + " (must be > 0)");
            }
            y[i] = Math.log(o.gridOptimalTemperature());
            for (int j = 0; j < statistics.size(); j++) {
                x[i][j] = o.statistics().get(statistics.get(j));
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        try {
            return ols.estimateRegressionParameters();
        } catch (SingularMatrixException e) {
            throw new InvalidInputException("statistics heuristic: the statistics " + statistics
                    + " are collinear over these grid results; choose fewer");
        }
    }

    private static double predictLog(double[] beta, List<String> statistics, FeatureStatistics stats) {
        double log = beta[0];
        for (int j = 0; j < statistics.size(); j++) {
            log += beta[j + 1] * stats.get(statistics.get(j));
        }
        return log;
    }

    private static double rSquared(List<GridObservation> observations, List<String> statistics, double[] beta) {
        double mean = observations.stream().mapToDouble(o -> Math.log(o.gridOptimalTemperature())).average().orElse(0);
        double residual = 0;
        double total = 0;
        for (GridObservation o : observations) {
            double y = Math.log(o.gridOptimalTemperature());
            double e = y - predictLog(beta, statistics, o.statistics());
            residual += e * e;
            total += (y - mean) * (y - mean);
        }
        return total > 0 ? 1 - residual / total : 1;
    }
}
