package org.tstar.estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tstar.InvalidInputException;

/**
 * Chooses and fits a {@link TransferPrior}: every subset of at most {@code maxTerms} candidate predictors is
 * scored by its leave-one-dataset-out RMSE in ln T (ordinary least squares, a dataset's tasks held out together),
 * never by its in-sample fit; the chosen subset is refitted on every task. The selection itself is cross-validated:
 * for each dataset, the subset is chosen again without it and the dataset predicted, so the nested error is what a
 * new dataset can expect, selection included; of the two {@link SelectionRule}s the one with the lower nested error
 * is used. Every prediction clamps each predictor to
 * the range of the tasks its weights were fitted on, held-out ones too.
 *
 * <p>The datasets that are scored may be fewer than those fitted on: generated mixtures can widen every fold's fit
 * while only real datasets are held out and counted, so the error is what a real dataset can expect.
 *
 * @param subsets     every subset scored, best first
 * @param rule        the selection rule used; {@code rules} both rules' nested scores
 * @param nested      each task predicted with selection and fit done without its dataset
 * @param nestedError RMSE in ln T of {@code nested}; {@code nestedPearson} its Pearson r against the grid's ln T*
 * @param errorCalibration the factor the prior's expected error was scaled by so that, over {@code nested}, it holds
 *                    the grid's T* as often as one standard deviation promises ({@link TransferPrior#COVERAGE})
 */
public record TransferPriorFit(TransferPrior prior, List<Subset> subsets, SelectionRule rule, List<NestedScore> rules,
                               List<Prediction> nested, double nestedError, double nestedPearson,
                               double errorCalibration, int observations, int datasets) {

    /** One task's grid optimum and its training-free predictors. */
    public record Observation(String task, String dataset, TaskPredictors predictors, double gridOptimalTemperature) {
        public Observation {
            if (!(gridOptimalTemperature > 0)) {
                throw new InvalidInputException("task '" + task + "': grid T* must be > 0, got " + gridOptimalTemperature);
            }
        }
    }

    /**
     * A subset of predictors, its leave-one-dataset-out RMSE in ln T (∞ where a fold could not be fitted) and that
     * RMSE's standard error over the tasks.
     */
    public record Subset(List<String> predictors, double heldOutLogError, double standardError) {
    }

    /**
     * A task predicted from the other datasets: the subset chosen without it, its T̂* (each predictor clamped to the
     * fold's fitted range, as the shipped prior predicts), the T̂* the same weights give unclamped, the expected
     * error in ln T the fold prior states for the task, that error calibrated by the other scored datasets' nested
     * predictions (the task's first range is T̂* ÷ e^error … T̂* × e^error), and whether any predictor lay outside the
     * fold's range.
     */
    public record Prediction(String task, String dataset, List<String> predictors, double gridOptimalTemperature,
                             double predictedTemperature, double extrapolatedTemperature, double statedLogError,
                             double expectedLogError, boolean outsideRange) {
        /** The grid's T* from T̂*, in ln T. */
        public double logError() {
            return Math.abs(Math.log(gridOptimalTemperature / predictedTemperature));
        }

        /** Whether the grid's T* lies inside the first range the calibrated prior would give the search. */
        public boolean covered() {
            return logError() <= expectedLogError;
        }

        /** Whether it lies inside the range the fold's own, uncalibrated error gives. */
        public boolean coveredAsStated() {
            return logError() <= statedLogError;
        }

        Prediction calibrated(double factor) {
            return new Prediction(task, dataset, predictors, gridOptimalTemperature, predictedTemperature,
                    extrapolatedTemperature, statedLogError, statedLogError * factor, outsideRange);
        }
    }

    /**
     * How a subset is picked from the scored ones: the lowest held-out error, or the fewest predictors within one
     * standard error of it. Which rule a fit uses is itself decided by held-out error: the one whose nested
     * (selection-included) leave-one-dataset-out error is lower.
     */
    public enum SelectionRule {
        LOWEST_ERROR("the lowest held-out error"),
        ONE_STANDARD_ERROR("the fewest predictors within one standard error of the lowest");

        private final String label;

        SelectionRule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Subset choose(List<Subset> scored) {
            Subset best = scored.get(0);
            if (this == LOWEST_ERROR) {
                return best;
            }
            double bound = best.heldOutLogError() + best.standardError();
            Subset chosen = best;
            for (Subset s : scored) {
                if (s.heldOutLogError() <= bound && s.predictors().size() < chosen.predictors().size()) {
                    chosen = s;
                }
            }
            return chosen;
        }
    }

    /** One selection rule's nested predictions and their RMSE and Pearson r in ln T. */
    public record NestedScore(SelectionRule rule, List<Prediction> predictions, double error, double pearson) {
    }

    /** Fits on {@code observations}, every dataset scored; {@code candidates} are names from {@link TaskPredictors#CANDIDATES}. */
    public static TransferPriorFit fit(List<Observation> observations, List<String> candidates, int maxTerms,
                                       double minTemperature, double maxTemperature, String source, String date) {
        return fit(observations, datasets(observations), candidates, maxTerms, minTemperature, maxTemperature, source, date);
    }

    /**
     * Fits on {@code observations}, holding out and scoring only the datasets in {@code scored}: every fold fits on
     * all other tasks, scored or not.
     */
    public static TransferPriorFit fit(List<Observation> observations, Set<String> scored, List<String> candidates,
                                       int maxTerms, double minTemperature, double maxTemperature, String source,
                                       String date) {
        Set<String> datasets = new LinkedHashSet<>(datasets(observations));
        datasets.retainAll(scored);
        if (datasets.size() < 3) {
            throw new InvalidInputException("fit: a prior needs tasks from at least 3 scored datasets to be chosen by "
                    + "leave-one-dataset-out error, got " + datasets.size() + " (" + String.join(", ", datasets) + ")");
        }
        List<Subset> subsets = score(observations, datasets, candidates, maxTerms);
        if (!Double.isFinite(subsets.get(0).heldOutLogError())) {
            throw new InvalidInputException("fit: no subset of the predictors could be fitted leave-one-dataset-out");
        }
        // each dataset's subsets scored once without it; both rules choose from the same scores
        java.util.Map<String, List<Subset>> withoutDataset = new java.util.LinkedHashMap<>();
        for (String dataset : datasets) {
            List<Observation> training = observations.stream().filter(o -> !o.dataset().equals(dataset)).toList();
            Set<String> scoredTraining = new LinkedHashSet<>(datasets(training));
            scoredTraining.retainAll(datasets);
            if (scoredTraining.size() >= 2) {
                withoutDataset.put(dataset, score(training, scoredTraining, candidates, maxTerms));
            }
        }
        List<NestedScore> rules = new ArrayList<>();
        for (SelectionRule rule : SelectionRule.values()) {
            rules.add(nested(observations, withoutDataset, rule, minTemperature, maxTemperature));
        }
        NestedScore used = rules.stream().min(java.util.Comparator.comparingDouble(NestedScore::error)).orElseThrow();
        Subset best = used.rule().choose(subsets);
        int fittedDatasets = datasets(observations).size();
        double calibration = calibration(used.predictions());
        CoefficientProvenance provenance = new CoefficientProvenance(source,
                observations.size() + " grid-optimal temperatures from " + fittedDatasets + " datasets; predictors "
                + "chosen by leave-one-dataset-out RMSE in ln T" + (fittedDatasets == datasets.size() ? ""
                : " over the " + datasets.size() + " scored datasets") + " among " + subsets.size() + " subsets of " + candidates
                + " (" + used.rule().label() + "); expected error calibrated to hold the nested predictions' grid T* "
                + Math.round(100 * TransferPrior.COVERAGE) + " % of the time", date, best.heldOutLogError());
        TransferPrior prior = prior(observations, best, minTemperature, maxTemperature, provenance)
                .withErrorScaledBy(calibration);
        return new TransferPriorFit(prior, List.copyOf(subsets), used.rule(), List.copyOf(rules), used.predictions(),
                used.error(), used.pearson(), calibration, observations.size(), fittedDatasets);
    }

    /**
     * The factor k that makes k × stated error hold the grid's T* on {@link TransferPrior#COVERAGE} of the
     * predictions: the split-conformal quantile of |ln T* − ln T̂*| ÷ stated error (rank ⌈(n + 1)·q⌉, so the
     * coverage it promises holds for a new task, not only on these). 1 when no prediction states an error.
     */
    static double calibration(List<Prediction> predictions) {
        double[] ratios = predictions.stream().filter(p -> p.statedLogError() > 0)
                .mapToDouble(p -> p.logError() / p.statedLogError()).sorted().toArray();
        if (ratios.length == 0) {
            return 1;
        }
        int rank = (int) Math.ceil((ratios.length + 1) * TransferPrior.COVERAGE);
        return ratios[Math.min(ratios.length, Math.max(1, rank)) - 1];
    }

    private static NestedScore nested(List<Observation> observations, java.util.Map<String, List<Subset>> withoutDataset,
                                      SelectionRule rule, double minTemperature, double maxTemperature) {
        List<Prediction> nested = new ArrayList<>();
        withoutDataset.forEach((dataset, scored) -> {
            List<Observation> training = observations.stream().filter(o -> !o.dataset().equals(dataset)).toList();
            Subset chosen = rule.choose(scored);
            if (LogTemperatureRegression.fit(training, chosen.predictors()) == null) {
                return;
            }
            TransferPrior fold = prior(training, chosen, minTemperature, maxTemperature,
                    new CoefficientProvenance("leave-one-dataset-out", "all but " + dataset, "", chosen.heldOutLogError()));
            for (Observation o : observations) {
                if (o.dataset().equals(dataset)) {
                    TransferPrior.Prediction p = fold.predict(o.predictors());
                    nested.add(new Prediction(o.task(), dataset, chosen.predictors(), o.gridOptimalTemperature(),
                            p.temperature(), p.extrapolated(), p.expectedLogError(), p.expectedLogError(),
                            p.contributions().stream().anyMatch(TransferPrior.Contribution::clamped)));
                }
            }
        });
        // each dataset's range calibrated on the others' errors only, so its coverage is judged on data it never saw
        List<Prediction> stated = List.copyOf(nested);
        nested.replaceAll(p -> p.calibrated(calibration(stated.stream().filter(q -> !q.dataset().equals(p.dataset())).toList())));
        LogTemperatureAgreement agreement = LogTemperatureAgreement.of(
                nested.stream().mapToDouble(Prediction::predictedTemperature).toArray(),
                nested.stream().mapToDouble(Prediction::gridOptimalTemperature).toArray());
        return new NestedScore(rule, List.copyOf(nested), agreement.rmse(), agreement.pearson());
    }

    /**
     * The prior of one subset fitted on every observation; its expected error is scaled so that s·√(1 + h), averaged
     * over the fitted tasks (mean leverage p/n), is the subset's cross-validated error.
     */
    public static TransferPrior prior(List<Observation> observations, Subset subset, double minTemperature,
                                      double maxTemperature, CoefficientProvenance provenance) {
        LogTemperatureRegression ols = LogTemperatureRegression.fit(observations, subset.predictors());
        if (ols == null) {
            throw new InvalidInputException("fit: " + subset.predictors() + " cannot be fitted on these tasks");
        }
        int p = subset.predictors().size() + 1;
        double scale = subset.heldOutLogError() / Math.sqrt(1 + (double) p / observations.size());
        return new TransferPrior("prior", subset.predictors(), ols.weights(), ols.means(), ols.ranges(),
                ols.inverseGram(), scale, minTemperature, maxTemperature, provenance);
    }

    /** Every subset of at most {@code maxTerms} predictors that vary over the observations, best first. */
    static List<Subset> score(List<Observation> observations, Set<String> scored, List<String> candidates, int maxTerms) {
        List<String> varying = candidates.stream().filter(c -> varies(observations, c)).toList();
        List<Subset> out = new ArrayList<>();
        for (long mask = 0; mask < (1L << varying.size()); mask++) {
            if (Long.bitCount(mask) > maxTerms) {
                continue;
            }
            List<String> subset = new ArrayList<>();
            for (int j = 0; j < varying.size(); j++) {
                if ((mask & (1L << j)) != 0) {
                    subset.add(varying.get(j));
                }
            }
            out.add(heldOutError(observations, scored, subset));
        }
        out.sort(Comparator.comparingDouble(Subset::heldOutLogError).thenComparingInt(s -> s.predictors().size()));
        return out;
    }

    /** Leave-one-dataset-out RMSE in ln T of OLS on {@code predictors}, with its standard error, every dataset scored. */
    static Subset heldOutError(List<Observation> observations, List<String> predictors) {
        return heldOutError(observations, datasets(observations), predictors);
    }

    /** Leave-one-dataset-out RMSE in ln T over the {@code scored} datasets' tasks, each fold fitted on all others. */
    static Subset heldOutError(List<Observation> observations, Set<String> scored, List<String> predictors) {
        double[] squares = new double[(int) observations.stream().filter(o -> scored.contains(o.dataset())).count()];
        int i = 0;
        for (String dataset : scored) {
            List<Observation> training = observations.stream().filter(o -> !o.dataset().equals(dataset)).toList();
            LogTemperatureRegression ols = LogTemperatureRegression.fit(training, predictors);
            if (ols == null) {
                return new Subset(List.copyOf(predictors), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            for (Observation o : observations) {
                if (o.dataset().equals(dataset)) {
                    squares[i++] = Math.pow(ols.predict(o.predictors()) - Math.log(o.gridOptimalTemperature()), 2);
                }
            }
        }
        double mean = java.util.Arrays.stream(squares).average().orElse(Double.NaN);
        double rmse = Math.sqrt(mean);
        // delta method: se(√MSE) = se(MSE) / (2√MSE), se(MSE) = sd of the squared errors / √n
        double sd = Math.sqrt(java.util.Arrays.stream(squares).map(q -> (q - mean) * (q - mean)).sum()
                / Math.max(1, squares.length - 1));
        return new Subset(List.copyOf(predictors), rmse, rmse > 0 ? sd / Math.sqrt(squares.length) / (2 * rmse) : 0);
    }

    static boolean varies(List<Observation> observations, String predictor) {
        double first = observations.get(0).predictors().value(predictor);
        return observations.stream().anyMatch(o -> Math.abs(o.predictors().value(predictor) - first) > 1e-12);
    }

    private static Set<String> datasets(List<Observation> observations) {
        Set<String> out = new LinkedHashSet<>();
        observations.forEach(o -> out.add(o.dataset()));
        return out;
    }

}
