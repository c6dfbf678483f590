package org.tstar.estimate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.tstar.InvalidInputException;

/**
 * Refits (α, β, γ, δ) of T̂* = α√M + β + γ ln csg + δ ln C on grid-optimal temperatures, by least squares in
 * log T or in T, with leave-one-dataset-out errors (a dataset's tasks are held out together, so a dataset never
 * predicts itself) and the Pearson r between held-out predicted and grid-optimal log T. A term whose feature does
 * not vary over the observations (every task with C = 10, say) cannot be identified and is fixed at 0.
 */
public record CoefficientFit(TemperatureCoefficients coefficients, Objective objective, List<String> fixedAtZero,
                             double logRmse, double linearRmse, double crossValidatedLogError,
                             double crossValidatedLinearError, double heldOutPearsonLogR,
                             List<Prediction> heldOut, int observations, int datasets) {

    /** What the least squares measure the error in. */
    public enum Objective {
        /** Σ (ln T̂ − ln T*)²: optima are multiplicative (grids are log-spaced, accuracy curves flat in log T). */
        LOG_T,
        /** Σ (T̂ − T*)²: linear in the coefficients, but dominated by the tasks with the largest T*. */
        T;

        public String label() {
            return this == LOG_T ? "log T" : "T";
        }
    }

    /** One task's grid result with the quantities the estimate uses. */
    public record Observation(String task, String dataset, int width, int classes, double csg,
                              double gridOptimalTemperature) {
        public Observation {
            if (!(gridOptimalTemperature > 0) || width < 1 || classes < 2 || !(csg > 0)) {
                throw new InvalidInputException("task '" + task + "': needs M ≥ 1, C ≥ 2, csg > 0 and a grid T* > 0, got M = "
                        + width + ", C = " + classes + ", csg = " + csg + ", T* = " + gridOptimalTemperature);
            }
        }

        double[] features() {
            return new double[] {Math.sqrt(width), 1, Math.log(csg), Math.log(classes)};
        }
    }

    /** A held-out task's prediction by the coefficients fitted without its dataset. */
    public record Prediction(String task, String dataset, double gridOptimalTemperature, double predictedTemperature) {
    }

    private static final String[] TERMS = {"alpha", "beta", "gamma", "delta"};

    /**
     * @param bounds the clip range of the fitted set (predictions are clipped as T̂* is)
     * @param source where the observations came from, for the provenance; {@code date} likewise
     */
    public static CoefficientFit fit(List<Observation> observations, Objective objective, double minTemperature,
                                     double maxTemperature, String source, String date) {
        boolean[] free = identifiable(observations);
        int parameters = 0;
        for (boolean f : free) {
            parameters += f ? 1 : 0;
        }
        if (observations.size() < parameters + 1) {
            throw new InvalidInputException("fit: " + observations.size() + " grid results cannot fit " + parameters
                    + " coefficients (need at least " + (parameters + 1) + ")");
        }
        double[] theta = solve(observations, objective, free);
        Set<String> datasets = new LinkedHashSet<>();
        observations.forEach(o -> datasets.add(o.dataset()));
        List<Prediction> heldOut = new ArrayList<>();
        for (String dataset : datasets) {
            List<Observation> training = observations.stream().filter(o -> !o.dataset().equals(dataset)).toList();
            if (training.size() < parameters + 1) {
                continue;
            }
            double[] t = solve(training, objective, free);
            for (Observation o : observations) {
                if (o.dataset().equals(dataset)) {
                    heldOut.add(new Prediction(o.task(), dataset, o.gridOptimalTemperature(),
                            clip(dot(t, o.features()), minTemperature, maxTemperature)));
                }
            }
        }
        double logSq = 0;
        double linSq = 0;
        for (Observation o : observations) {
            double p = clip(dot(theta, o.features()), minTemperature, maxTemperature);
            logSq += Math.pow(Math.log(p / o.gridOptimalTemperature()), 2);
            linSq += Math.pow(p - o.gridOptimalTemperature(), 2);
        }
        double cvLog = Double.NaN;
        double cvLin = Double.NaN;
        double r = Double.NaN;
        if (!heldOut.isEmpty()) {
            double b = 0;
            for (Prediction p : heldOut) {
                b += Math.pow(p.predictedTemperature() - p.gridOptimalTemperature(), 2);
            }
            LogTemperatureAgreement agreement = LogTemperatureAgreement.of(
                    heldOut.stream().mapToDouble(Prediction::predictedTemperature).toArray(),
                    heldOut.stream().mapToDouble(Prediction::gridOptimalTemperature).toArray());
            cvLog = agreement.rmse();
            cvLin = Math.sqrt(b / heldOut.size());
            r = agreement.pearson();
        }
        List<String> fixed = new ArrayList<>();
        for (int j = 0; j < TERMS.length; j++) {
            if (!free[j]) {
                fixed.add(TERMS[j]);
            }
        }
        TemperatureCoefficients k = new TemperatureCoefficients("fitted", theta[0], theta[1], theta[2], theta[3],
                minTemperature, maxTemperature, new CoefficientProvenance(source,
                observations.size() + " grid-optimal temperatures from " + datasets.size() + " datasets, least squares in "
                        + objective.label(), date, cvLog));
        return new CoefficientFit(k, objective, List.copyOf(fixed), Math.sqrt(logSq / observations.size()),
                Math.sqrt(linSq / observations.size()), cvLog, cvLin, r, List.copyOf(heldOut), observations.size(),
                datasets.size());
    }

    /** α and β always; γ and δ only when ln csg and ln C vary over the observations. */
    private static boolean[] identifiable(List<Observation> observations) {
        boolean[] free = {true, true, false, false};
        for (int j = 2; j < 4; j++) {
            double first = observations.get(0).features()[j];
            for (Observation o : observations) {
                if (Math.abs(o.features()[j] - first) > 1e-12) {
                    free[j] = true;
                }
            }
        }
        return free;
    }

    private static double[] solve(List<Observation> observations, Objective objective, boolean[] free) {
        // Linear least squares in T; weighted by 1/T* it is the first-order fit in log T and its start point.
        double[] theta = weightedLeastSquares(observations, free, objective == Objective.LOG_T);
        if (objective == Objective.T) {
            return theta;
        }
        // Gauss-Newton on Σ (ln(x·θ) − ln T*)², each step halved until the error falls.
        double error = logError(observations, theta);
        for (int iteration = 0; iteration < 100; iteration++) {
            int n = observations.size();
            double[][] jacobian = new double[n][];
            double[] residual = new double[n];
            for (int i = 0; i < n; i++) {
                Observation o = observations.get(i);
                double p = dot(theta, o.features());
                double[] row = columns(o.features(), free);
                for (int j = 0; j < row.length; j++) {
                    row[j] /= p;
                }
                jacobian[i] = row;
                residual[i] = Math.log(o.gridOptimalTemperature()) - Math.log(p);
            }
            double[] step = expand(leastSquares(jacobian, residual), free);
            double scale = 1;
            double[] next = theta;
            double nextError = error;
            while (scale > 1e-6) {
                double[] candidate = new double[4];
                for (int j = 0; j < 4; j++) {
                    candidate[j] = theta[j] + scale * step[j];
                }
                double e = logError(observations, candidate);
                if (e < error) {
                    next = candidate;
                    nextError = e;
                    break;
                }
                scale /= 2;
            }
            if (next == theta || error - nextError < 1e-15 * Math.max(1, error)) {
                theta = next;
                break;
            }
            theta = next;
            error = nextError;
        }
        return theta;
    }

    private static double logError(List<Observation> observations, double[] theta) {
        double sum = 0;
        for (Observation o : observations) {
            double p = dot(theta, o.features());
            if (!(p > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            sum += Math.pow(Math.log(p / o.gridOptimalTemperature()), 2);
        }
        return sum;
    }

    private static double[] weightedLeastSquares(List<Observation> observations, boolean[] free, boolean relative) {
        int n = observations.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            double w = relative ? 1 / o.gridOptimalTemperature() : 1;
            double[] row = columns(o.features(), free);
            for (int j = 0; j < row.length; j++) {
                row[j] *= w;
            }
            x[i] = row;
            y[i] = o.gridOptimalTemperature() * w;
        }
        return expand(leastSquares(x, y), free);
    }

    private static double[] leastSquares(double[][] x, double[] y) {
        try {
            RealVector solution = new QRDecomposition(new Array2DRowRealMatrix(x, false), 1e-12).getSolver()
                    .solve(new ArrayRealVector(y, false));
            return solution.toArray();
        } catch (SingularMatrixException e) {
            throw new InvalidInputException("fit: the tasks' √M, ln csg and ln C are collinear; add tasks that vary them "
                    + "independently");
        }
    }

    private static double[] columns(double[] features, boolean[] free) {
        double[] row = new double[features.length];
        int k = 0;
        for (int j = 0; j < features.length; j++) {
            if (free[j]) {
                row[k++] = features[j];
            }
        }
        return java.util.Arrays.copyOf(row, k);
    }

    private static double[] expand(double[] solution, boolean[] free) {
        double[] theta = new double[free.length];
        int k = 0;
        for (int j = 0; j < free.length; j++) {
            theta[j] = free[j] ? solution[k++] : 0;
        }
        return theta;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double clip(double t, double min, double max) {
        return Math.min(max, Math.max(min, t));
    }

    /** The fitted set's T̂* for a task, clipped like every estimate. */
    public double predict(Observation o) {
        return clip(dot(new double[] {coefficients.alpha(), coefficients.beta(), coefficients.gamma(), coefficients.delta()},
                o.features()), coefficients.minTemperature(), coefficients.maxTemperature());
    }
}
