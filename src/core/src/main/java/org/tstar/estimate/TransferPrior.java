package org.tstar.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tstar.ConfigMap;
import org.tstar.InputFile;
import org.tstar.InvalidInputException;
import org.tstar.SignificantDigits;

/**
 * A fitted prior over the optimal temperature of an unseen task: ln T̂* = w₀ + Σ w_j·x_j over a few training-free
 * {@link TaskPredictors} chosen by leave-one-dataset-out error, with the expected error of its prediction for a
 * given task. That error grows with the task's distance from the tasks the prior was fitted on (its leverage), so
 * a task unlike them gets a wider first search range. One set ships as {@code prior}; {@code tstar fit --prior}
 * writes others.
 *
 * @param predictors     the chosen predictors' names, in the order of {@code weights[1..]}
 * @param weights        intercept first, then one weight per predictor (in ln T per unit of the predictor)
 * @param means          each predictor's mean over the fitted tasks: contributions are reported against it
 * @param ranges         each predictor's [lowest, highest] over the fitted tasks: a value beyond them is clamped to
 *                       them, so the prior never extrapolates a weight past the data that set it (the leverage, and so
 *                       the expected error, still sees the unclamped value)
 * @param inverseGram    (X̃ᵀX̃)⁻¹ of the fit's design with its intercept column, for the leverage h(x) = x̃ᵀ(X̃ᵀX̃)⁻¹x̃
 * @param residualScale  s in the expected log error s·√(1 + h(x)); chosen so that its mean over the fitted tasks is
 *                       the leave-one-dataset-out RMSE
 */
public record TransferPrior(String name, List<String> predictors, double[] weights, double[] means,
                            double[][] ranges, double[][] inverseGram, double residualScale, double minTemperature, double maxTemperature,
                            CoefficientProvenance provenance) {
    private static final Set<String> KEYS = Set.of("name", "kind", "terms", "residualScale", "minTemperature",
            "maxTemperature", "provenance");
    private static final Set<String> TERM_KEYS = Set.of("predictor", "weight", "mean", "range", "inverseGram");
    private static final String KIND = "transferPrior";
    /**
     * The share of a normal distribution within one standard deviation: how often an honest expected error holds the
     * grid's T* inside T̂* ÷ e^error … T̂* × e^error.
     */
    public static final double COVERAGE = 0.6827;

    public TransferPrior {
        predictors = List.copyOf(predictors);
        int p = predictors.size() + 1;
        if (weights.length != p || means.length != p - 1 || ranges.length != p - 1 || inverseGram.length != p) {
            throw new InvalidInputException("prior '" + name + "': " + predictors.size() + " predictors need " + p
                    + " weights and inverse-Gram rows, got " + weights.length + " and " + inverseGram.length);
        }
        for (String predictor : predictors) {
            if (!TaskPredictors.CANDIDATES.containsKey(predictor)) {
                throw new InvalidInputException("prior '" + name + "': unknown predictor '" + predictor + "' (known: "
                        + String.join(", ", TaskPredictors.CANDIDATES.keySet()) + ")");
            }
        }
        for (int j = 0; j < ranges.length; j++) {
            if (ranges[j].length != 2 || !(ranges[j][0] <= ranges[j][1])) {
                throw new InvalidInputException("prior '" + name + "': predictor '" + predictors.get(j)
                        + "' needs a range [lowest, highest], got " + java.util.Arrays.toString(ranges[j]));
            }
        }
        for (double[] row : inverseGram) {
            if (row.length != p) {
                throw new InvalidInputException("prior '" + name + "': every inverseGram row needs " + p + " numbers");
            }
        }
        if (!(residualScale >= 0) || !(minTemperature > 0) || !(maxTemperature > minTemperature)) {
            throw new InvalidInputException("prior '" + name + "': need residualScale ≥ 0 and 0 < minTemperature < "
                    + "maxTemperature, got " + residualScale + ", " + minTemperature + ", " + maxTemperature);
        }
    }

    /**
     * One predictor's part in a prediction: how far the task sits from the fitted tasks' mean, in ln T; {@code used}
     * is {@code value} clamped to the fitted range.
     */
    public record Contribution(String predictor, double value, double used, double mean, double weight) {
        /** w·(x − mean): ln T̂* minus what it would be were the task average in this predictor. */
        public double logEffect() {
            return weight * (used - mean);
        }

        public boolean clamped() {
            return used != value;
        }
    }

    /**
     * The prior's T̂* for one task, its parts and its expected error (one standard deviation in ln T).
     *
     * @param baseline     the prior's T for a task average in every predictor
     * @param extrapolated T̂* with every predictor taken as it is, none clamped to the fitted range (still clipped to
     *                     the temperature bounds): what the weights say beyond the data that set them, for judging
     *                     whether clamping helps
     */
    public record Prediction(double temperature, double unclipped, double baseline, List<Contribution> contributions,
                             double extrapolated, double expectedLogError, double leverage, TransferPrior prior) {
        public boolean clipped() {
            return temperature != unclipped;
        }

        /** The multiplicative error e^σ: T* is expected within T̂* ÷ this … T̂* × this about two times in three. */
        public double errorFactor() {
            return Math.exp(expectedLogError);
        }
    }

    public Prediction predict(TaskPredictors task) {
        double[] x = new double[predictors.size() + 1];
        x[0] = 1;
        double log = weights[0];
        double unclamped = weights[0];
        double baseline = weights[0];
        List<Contribution> parts = new ArrayList<>();
        for (int j = 0; j < predictors.size(); j++) {
            x[j + 1] = task.value(predictors.get(j));
            double used = Math.min(ranges[j][1], Math.max(ranges[j][0], x[j + 1]));
            log += weights[j + 1] * used;
            unclamped += weights[j + 1] * x[j + 1];
            baseline += weights[j + 1] * means[j];
            parts.add(new Contribution(predictors.get(j), x[j + 1], used, means[j], weights[j + 1]));
        }
        double leverage = 0;
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                leverage += x[a] * inverseGram[a][b] * x[b];
            }
        }
        double unclipped = Math.exp(log);
        double t = clip(unclipped);
        return new Prediction(t, unclipped, Math.exp(baseline), List.copyOf(parts), clip(Math.exp(unclamped)),
                residualScale * Math.sqrt(1 + Math.max(0, leverage)), leverage, this);
    }

    /** The same prior with its expected error scaled by {@code factor} (a calibration against held-out errors). */
    public TransferPrior withErrorScaledBy(double factor) {
        return new TransferPrior(name, predictors, weights, means, ranges, inverseGram, residualScale * factor,
                minTemperature, maxTemperature, provenance);
    }

    private double clip(double t) {
        return Math.min(maxTemperature, Math.max(minTemperature, t));
    }

    /** Whether {@code nameOrFile} names a prior ({@code prior}, or a YAML file of {@code kind: transferPrior}). */
    public static boolean names(String nameOrFile) {
        if (nameOrFile.equals("prior")) {
            return true;
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return ConfigMap.parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": unreadable"),
                    file.toString()).text("kind", "").equals(KIND);
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Loads the bundled {@code prior}, otherwise reads the argument as a YAML file path. */
    public static TransferPrior load(String nameOrFile) {
        if (nameOrFile.equals("prior")) {
            String resource = "/org/tstar/estimate/prior.yaml";
            try (InputStream in = TransferPrior.class.getResourceAsStream(resource)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing bundled prior " + resource, e);
            }
        }
        Path file = Path.of(nameOrFile);
        return parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": no such prior file"), file.toString());
    }

    static TransferPrior parse(String text, String where) {
        ConfigMap map = ConfigMap.parse(text, where).allowOnly(KEYS);
        map.check("kind", map.text("kind"), map.text("kind").equals(KIND), "must be " + KIND);
        List<ConfigMap> terms = map.mapList("terms");
        map.check("terms", terms.size(), !terms.isEmpty() && terms.size() <= 12, "needs the intercept and at most 11 predictors");
        List<String> names = new ArrayList<>();
        double[] weights = new double[terms.size()];
        double[] means = new double[terms.size() - 1];
        double[][] ranges = new double[terms.size() - 1][];
        double[][] inverse = new double[terms.size()][];
        for (int i = 0; i < terms.size(); i++) {
            ConfigMap term = terms.get(i).allowOnly(TERM_KEYS);
            String predictor = term.text("predictor");
            term.check("predictor", predictor, (i == 0) == predictor.equals("intercept"), i == 0
                    ? "the first term must be the intercept" : "only the first term is the intercept");
            if (i > 0) {
                names.add(predictor);
                means[i - 1] = term.number("mean");
                ranges[i - 1] = term.numberList("range").stream().mapToDouble(Double::doubleValue).toArray();
            }
            weights[i] = term.number("weight");
            inverse[i] = term.numberList("inverseGram").stream().mapToDouble(Double::doubleValue).toArray();
        }
        CoefficientProvenance provenance = CoefficientProvenance.read(map, where);
        return new TransferPrior(map.text("name", where), names, weights, means, ranges, inverse, map.number("residualScale"),
                map.number("minTemperature"), map.number("maxTemperature"), provenance);
    }

    /** The YAML form {@link #load} reads back, each fitted number at {@link SignificantDigits#FITTED} digits. */
    public String toYaml() {
        StringBuilder y = new StringBuilder("name: ").append(name).append("\nkind: ").append(KIND).append('\n')
                .append("residualScale: ").append(fitted(residualScale)).append('\n')
                .append("minTemperature: ").append(minTemperature).append('\n')
                .append("maxTemperature: ").append(maxTemperature).append('\n')
                .append("terms:\n");
        for (int i = 0; i < weights.length; i++) {
            y.append("  - predictor: ").append(i == 0 ? "intercept" : predictors.get(i - 1)).append('\n')
                    .append("    weight: ").append(fitted(weights[i])).append('\n');
            if (i > 0) {
                y.append("    mean: ").append(fitted(means[i - 1])).append('\n')
                        .append("    range: [").append(fitted(ranges[i - 1][0])).append(", ").append(fitted(ranges[i - 1][1])).append("]\n");
            }
            y.append("    inverseGram: [");
            for (int j = 0; j < inverseGram[i].length; j++) {
                y.append(j == 0 ? "" : ", ").append(fitted(inverseGram[i][j]));
            }
            y.append("]\n");
        }
        return y.append(provenance.toYaml()).toString();
    }

    private static String fitted(double x) {
        return SignificantDigits.text(x, SignificantDigits.FITTED);
    }

    /** ln T̂* = w₀ + Σ w_j·x_j written out, for reports. */
    public String formula() {
        StringBuilder f = new StringBuilder(String.format(Locale.ROOT, "ln T̂* = %.3f", weights[0]));
        for (int j = 0; j < predictors.size(); j++) {
            f.append(String.format(Locale.ROOT, " %s %.3f·%s", weights[j + 1] < 0 ? "−" : "+", Math.abs(weights[j + 1]),
                    predictors.get(j)));
        }
        return f.toString();
    }
}
