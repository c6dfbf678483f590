package org.tstar.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CoefficientFit;
import org.tstar.estimate.LogTemperatureAgreement;
import org.tstar.estimate.TaskPredictors;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.estimate.TransferPriorFit;
import org.tstar.search.trial.Score;

/**
 * The transfer prior's part of {@code fit.md}: the predictors chosen and their weights, the paper's coefficients,
 * today's refit and the prior side by side on tasks none of them was fitted on (cross-validated by dataset, and a
 * dataset family kept out of every fit), the targets, and every predictor tried with its held-out error.
 */
public final class TransferPriorReport {
    private TransferPriorReport() {
    }

    /** One way of predicting T*: its name and its prediction for a task (NaN where it has none). */
    private record Predictor(String name, ToDoubleFunction<FitReport.Task> temperature) {
    }

    public static String markdown(String source, TransferPriorFit fit, CoefficientFit refit, TemperatureCoefficients paper,
                                  List<FitReport.Task> fitted, java.util.Set<String> scoredDatasets,
                                  List<FitReport.Task> heldOut, List<String> holdOut) {
        TransferPrior prior = fit.prior();
        // mixtures may widen the fit; only the scored (real) datasets' tasks count in a cross-validated figure
        List<FitReport.Task> scored = fitted.stream().filter(t -> scoredDatasets.contains(t.observation().dataset())).toList();
        long scoredCount = scored.stream().map(t -> t.observation().dataset()).distinct().count();
        Predictor paperT = new Predictor("paper coefficients (α√M + β)",
                t -> AnalyticalTemperature.estimate(t.observation().width(), t.observation().classes(), t.observation().csg(),
                        paper).temperature());
        Predictor refitCv = new Predictor("today's refit (α√M + β + γ ln csg + δ ln C)", t -> refit.heldOut().stream()
                .filter(p -> p.task().equals(t.observation().task())).findFirst()
                .map(CoefficientFit.Prediction::predictedTemperature).orElse(Double.NaN));
        Predictor priorCv = new Predictor("transfer prior", t -> fit.nested().stream()
                .filter(p -> p.task().equals(t.observation().task())).findFirst()
                .map(TransferPriorFit.Prediction::predictedTemperature).orElse(Double.NaN));
        Predictor refitAll = new Predictor(refitCv.name(), t -> refit.predict(t.observation()));
        Predictor priorAll = new Predictor(priorCv.name(), t -> prior.predict(t.predictors()).temperature());

        StringBuilder md = new StringBuilder("# Fit: a transfer prior, and the estimate's coefficients\n\n");
        md.append(String.format(Locale.ROOT, "`%s`: %d tasks from %d datasets fitted%s%s. Every predictor below was computed "
                        + "from the task's data (training split only) and recipe, without training the classifier.%n%n",
                source, fitted.size(), fit.datasets(), scored.size() == fitted.size() ? ""
                        : String.format(Locale.ROOT, "; every cross-validated figure, and the choice of predictors, "
                        + "scores only the %d tasks of the %d datasets %s (each held out in turn, the rest fitted on)",
                        scored.size(), scoredCount, String.join(", ", scoredDatasets)),
                holdOut.isEmpty() ? "" : "; " + heldOut.size() + " tasks of "
                        + String.join(", ", holdOut) + " kept out of every fit and selection, and only predicted"));
        md.append("## The prior\n\n`").append(prior.formula()).append("`, clipped to [")
                .append(prior.minTemperature()).append(", ").append(prior.maxTemperature()).append("].\n\n")
                .append("| predictor | weight (ln T per unit) | mean over the fitted tasks | what it measures |\n|---|---:|---:|---|\n")
                .append(String.format(Locale.ROOT, "| intercept | %.4f | | |%n", prior.weights()[0]));
        for (int j = 0; j < prior.predictors().size(); j++) {
            String name = prior.predictors().get(j);
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s |%n", name, prior.weights()[j + 1],
                    prior.means()[j], TaskPredictors.CANDIDATES.get(name)));
        }
        StringBuilder rules = new StringBuilder();
        for (TransferPriorFit.NestedScore n : fit.rules()) {
            rules.append(String.format(Locale.ROOT, "%s %s: nested RMSE %.3f, r %.3f", rules.length() == 0 ? "" : ";",
                    n.rule().label(), n.error(), n.pearson()));
        }
        md.append(String.format(Locale.ROOT, "%nChosen among %d subsets of at most %d of the %d candidates by "
                        + "leave-one-dataset-out RMSE in ln T (%.3f), never by in-sample fit, taking %s: of the two "
                        + "rules, the one whose choice, redone without each dataset, predicted it better (%s). "
                        + "Expected error for a task: "
                        + "%.3f·√(1 + h) in ln T, h its leverage (1 + h grows as the task leaves the fitted tasks' range; "
                        + "the scale calibrated on the cross-validated tasks, see First range below), "
                        + "which sets the analytical search's first range r = e^error when a space names this prior. "
                        + "Provenance: %s; %s.%n%n", fit.subsets().size(), maxTerms(fit), TaskPredictors.CANDIDATES.size(),
                prior.provenance().crossValidatedLogError(), fit.rule().label(), rules.toString().strip(),
                prior.residualScale(), prior.provenance().fittedOn(),
                prior.provenance().date()));

        List<Predictor> cv = List.of(paperT, refitCv, priorCv);
        List<Predictor> family = List.of(paperT, refitAll, priorAll);
        md.append("## Side by side, on tasks the predictor was not fitted on\n\n")
                .append("| predictor | cross-validated by dataset: Pearson r (ln T) | RMSE ln T | T̂* alone within "
                        + FitReport.MATCH_PP + " pp of the grid |")
                .append(heldOut.isEmpty() ? "\n|---|---:|---:|---:|\n"
                        : " held-out family (" + String.join(", ", holdOut) + "): Pearson r | RMSE ln T | within "
                        + FitReport.MATCH_PP + " pp |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < cv.size(); i++) {
            Score a = Score.of(scored, cv.get(i).temperature());
            md.append("| ").append(cv.get(i).name()).append(" | ").append(a.cells());
            if (!heldOut.isEmpty()) {
                md.append(" | ").append(Score.of(heldOut, family.get(i).temperature()).cells());
            }
            md.append(" |\n");
        }
        md.append("\nCross-validated by dataset: each task predicted by coefficients fitted without its dataset (the paper's "
                + "are not fitted at all); for the prior, the choice of predictors is redone without the dataset too. "
                + "The held-out family is predicted by the fits on every other task. Within " + FitReport.MATCH_PP
                + " pp: the grid's held-out test accuracy minus that at the grid point nearest T̂*, mean over seeds.\n\n");

        md.append(extrapolation(fit, scored));
        Score priorScoreCv = Score.of(scored, priorCv.temperature());
        Score priorScoreFamily = heldOut.isEmpty() ? null : Score.of(heldOut, priorAll.temperature());
        long covered = fit.nested().stream().filter(TransferPriorFit.Prediction::covered).count();
        long coveredAsStated = fit.nested().stream().filter(TransferPriorFit.Prediction::coveredAsStated).count();
        double coverage = fit.nested().isEmpty() ? Double.NaN : (double) covered / fit.nested().size();
        md.append(noiseCeiling(scored));
        md.append(String.format(Locale.ROOT, "First range: the grid's T* lies inside T̂* ÷ e^error … T̂* × e^error (the "
                        + "range the analytical search starts from) on %d of %d cross-validated tasks (%.0f %%), against "
                        + "the %.0f %% one standard deviation promises; error is the fold's expected error for the task "
                        + "scaled by the factor that calibrates it on the other datasets' cross-validated tasks. As each "
                        + "fold states it, uncalibrated: %d of %d (%.0f %%). The prior fitted on every task carries the "
                        + "factor from all of them: ×%.3f.%n%n",
                covered, fit.nested().size(), 100 * coverage, 100 * TransferPrior.COVERAGE, coveredAsStated,
                fit.nested().size(), 100.0 * coveredAsStated / Math.max(1, fit.nested().size()), fit.errorCalibration()));
        md.append("## Targets\n\n| target | measured | |\n|---|---:|---|\n")
                .append(targetLine("prior, cross-validated by dataset: Pearson r (ln T) ≥ 0.8", priorScoreCv.r(), 0.8, "%.3f"))
                .append(targetLine("prior, cross-validated by dataset: T̂* alone within " + FitReport.MATCH_PP
                        + " pp on ≥ 60 % of tasks", priorScoreCv.share(), 0.6, "share"))
                .append("| first range covers the grid's T* within 10 points of " + Math.round(100 * TransferPrior.COVERAGE)
                        + " % | " + String.format(Locale.ROOT, "%.0f %%", 100 * coverage) + " | "
                        + (Math.abs(coverage - TransferPrior.COVERAGE) <= 0.10 ? "met" : "missed") + " |\n");
        if (priorScoreFamily != null) {
            md.append(targetLine("prior on the held-out family: Pearson r (ln T) ≥ 0.9", priorScoreFamily.r(), 0.9, "%.3f"))
                    .append(targetLine("prior on the held-out family: within " + FitReport.MATCH_PP + " pp on ≥ 70 %",
                            priorScoreFamily.share(), 0.7, "share"));
        }
        md.append('\n');

        md.append("## Every predictor tried\n\nLeave-one-dataset-out RMSE in ln T of the intercept with each candidate "
                + "alone, and the best subsets (a candidate constant within a training fold gets weight 0 there, so a "
                + "recipe only one dataset varies cannot be validated on another):\n\n| predictors | held-out RMSE ln T |\n|---|---:|\n");
        List<TransferPriorFit.Subset> shown = new ArrayList<>();
        fit.subsets().stream().filter(s -> s.predictors().size() <= 1).forEach(shown::add);
        shown.sort(java.util.Comparator.comparingDouble(TransferPriorFit.Subset::heldOutLogError));
        for (TransferPriorFit.Subset s : shown) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", s.predictors().isEmpty() ? "intercept only"
                    : s.predictors().get(0), s.heldOutLogError()));
        }
        md.append("\nThe best subsets by that error").append(heldOut.isEmpty() ? "" : ", and how each, fitted on every "
                + "fitted task, predicts the held-out family (shown for the evidence, never used to choose)").append(":\n\n")
                .append("| best subsets | held-out RMSE ln T |").append(heldOut.isEmpty() ? "\n|---|---:|\n"
                        : " held-out family: Pearson r | RMSE ln T | within " + FitReport.MATCH_PP + " pp |\n|---|---:|---:|---:|---:|\n");
        List<TransferPriorFit.Observation> observations = fitted.stream().map(FitReport.Task::priorObservation).toList();
        fit.subsets().stream().limit(10).forEach(s -> {
            md.append(String.format(Locale.ROOT, "| %s | %.3f |", s.predictors().isEmpty() ? "intercept only"
                    : String.join(", ", s.predictors()), s.heldOutLogError()));
            if (!heldOut.isEmpty()) {
                TransferPrior p = TransferPriorFit.prior(observations, s, prior.minTemperature(), prior.maxTemperature(),
                        prior.provenance());
                md.append(' ').append(Score.of(heldOut, t -> p.predict(t.predictors()).temperature()).cells()).append(" |");
            }
            md.append('\n');
        });
        List<String> constant = TaskPredictors.CANDIDATES.keySet().stream()
                .filter(c -> fit.subsets().stream().noneMatch(s -> s.predictors().contains(c))).toList();
        if (!constant.isEmpty()) {
            md.append("\nNot tried (constant over the fitted tasks): ").append(String.join(", ", constant)).append(".\n");
        }

        md.append("\n## Per task\n\n| task | dataset | M | effective width | probe accuracy | probe gap | steps | grid T* | T̂* paper "
                + "| T̂* refit | T̂* prior | prior error × | predictors chosen | gap paper (pp) | gap refit (pp) | gap prior (pp) |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (FitReport.Task t : fitted) {
            String chosen = fit.nested().stream().filter(p -> p.task().equals(t.observation().task())).findFirst()
                    .map(p -> String.join(", ", p.predictors())).orElse("—");
            md.append(taskLine(t, paperT, refitCv, priorCv, prior, chosen));
        }
        for (FitReport.Task t : heldOut) {
            md.append(taskLine(t, paperT, refitAll, priorAll, prior, "held-out family: " + String.join(", ", prior.predictors())));
        }
        md.append("\nT̂* refit and T̂* prior are the cross-validated predictions (fitted without the task's dataset) or, for "
                + "the held-out family, the fits on every other task. Prior error ×: e^(expected error) of the prior fitted "
                + "on every task, for this task.\n\n");
        return md.toString();
    }

    /**
     * How far the grid's own optimum moves between training seeds, from the tasks run at several: the part of ln T*
     * no predictor can explain, and so the highest Pearson r any predictor could reach on single-seed optima.
     */
    private static String noiseCeiling(List<FitReport.Task> tasks) {
        double within = 0;
        int degrees = 0;
        int repeated = 0;
        for (FitReport.Task t : tasks) {
            if (t.rows().size() < 2) {
                continue;
            }
            double[] logs = t.rows().stream().mapToDouble(r -> Math.log(r.number("grid_t"))).toArray();
            double mean = java.util.Arrays.stream(logs).average().orElse(0);
            for (double l : logs) {
                within += (l - mean) * (l - mean);
            }
            degrees += logs.length - 1;
            repeated++;
        }
        if (repeated == 0) {
            return "";
        }
        double noise = within / degrees;
        double[] all = tasks.stream().mapToDouble(t -> Math.log(t.observation().gridOptimalTemperature())).toArray();
        double total = new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(all);
        return String.format(Locale.ROOT, "Seed noise: on the %d scored tasks run at two or more training seeds each "
                        + "seed's grid optimum moves by %.3f in ln T (standard deviation within a task), against %.3f "
                        + "across the scored tasks' fitted optima: were those single-seed optima, a predictor that knew "
                        + "everything but the seed could reach Pearson r ≈ %.2f (a task's fitted optimum is the geometric mean "
                        + "of its seeds' optima, steadier than one seed's).%n%n", repeated, Math.sqrt(noise), Math.sqrt(total),
                Math.sqrt(Math.max(0, 1 - noise / total)));
    }

    /**
     * Clamped against extrapolated, on the cross-validated tasks with a predictor outside their fold's fitted range:
     * whether holding a weight at the edge of its data beats following it.
     */
    private static String extrapolation(TransferPriorFit fit, List<FitReport.Task> scored) {
        List<TransferPriorFit.Prediction> outside = fit.nested().stream().filter(TransferPriorFit.Prediction::outsideRange).toList();
        if (outside.isEmpty()) {
            return "Every cross-validated task lay inside its fold's fitted range of every chosen predictor.\n\n";
        }
        java.util.Map<String, FitReport.Task> byName = new java.util.HashMap<>();
        scored.forEach(t -> byName.put(t.observation().task(), t));
        List<FitReport.Task> tasks = outside.stream().map(p -> byName.get(p.task())).filter(java.util.Objects::nonNull).toList();
        Score clamped = Score.of(tasks, t -> find(outside, t).predictedTemperature());
        Score extrapolated = Score.of(tasks, t -> find(outside, t).extrapolatedTemperature());
        return String.format(Locale.ROOT, "Outside the fitted range: on %d of %d cross-validated tasks a chosen predictor "
                        + "lay beyond what its fold was fitted on. There, clamping it to the range (what the prior does): "
                        + "Pearson r %s, RMSE ln T %.3f, within %.1f pp %d of %d; following the weights past the range: "
                        + "r %s, RMSE %.3f, within %d of %d.%n%n", tasks.size(), fit.nested().size(),
                Double.isNaN(clamped.r()) ? "—" : String.format(Locale.ROOT, "%.3f", clamped.r()), clamped.rmse(),
                FitReport.MATCH_PP, clamped.within(), clamped.tasks(),
                Double.isNaN(extrapolated.r()) ? "—" : String.format(Locale.ROOT, "%.3f", extrapolated.r()),
                extrapolated.rmse(), extrapolated.within(), extrapolated.tasks());
    }

    private static TransferPriorFit.Prediction find(List<TransferPriorFit.Prediction> predictions, FitReport.Task t) {
        return predictions.stream().filter(p -> p.task().equals(t.observation().task())).findFirst().orElseThrow();
    }

    private static int maxTerms(TransferPriorFit fit) {
        return fit.subsets().stream().mapToInt(s -> s.predictors().size()).max().orElse(0);
    }

    private static String taskLine(FitReport.Task t, Predictor paper, Predictor refit, Predictor prior,
                                   TransferPrior fitted, String chosen) {
        double a = paper.temperature().applyAsDouble(t);
        double b = refit.temperature().applyAsDouble(t);
        double c = prior.temperature().applyAsDouble(t);
        TaskPredictors x = t.predictors();
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.3f | %+.3f | %d | %.3g | %.3g | %s | %s | %.2f | %s | %+.2f | %s | %s |%n",
                t.observation().task(), t.observation().dataset(), x.width(), x.probe().effectiveWidth(),
                x.probe().heldOutAccuracy(), x.probe().gap(), x.steps(), t.observation().gridOptimalTemperature(), a,
                num(b, "%.3g"), num(c, "%.3g"), fitted.predict(t.predictors()).errorFactor(), chosen, t.gapAt(a),
                Double.isNaN(b) ? "—" : String.format(Locale.ROOT, "%+.2f", t.gapAt(b)),
                Double.isNaN(c) ? "—" : String.format(Locale.ROOT, "%+.2f", t.gapAt(c)));
    }

    private static String targetLine(String target, double value, double goal, String format) {
        String shown = format.equals("share") ? String.format(Locale.ROOT, "%.0f %%", 100 * value)
                : String.format(Locale.ROOT, format, value);
        return "| " + target + " | " + shown + " | " + (value >= goal ? "met" : "missed") + " |\n";
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
    }

    /** Pearson r and RMSE in ln T against the grid's T*, and the share of tasks whose T̂* alone matched the grid. */
    private record Score(double r, double rmse, double share, int within, int tasks) {
        static Score of(List<FitReport.Task> tasks, ToDoubleFunction<FitReport.Task> temperature) {
            List<FitReport.Task> scored = tasks.stream().filter(t -> !Double.isNaN(temperature.applyAsDouble(t))).toList();
            int within = (int) scored.stream().filter(t -> t.gapAt(temperature.applyAsDouble(t)) <= FitReport.MATCH_PP).count();
            LogTemperatureAgreement a = LogTemperatureAgreement.of(scored.stream().mapToDouble(temperature).toArray(),
                    scored.stream().mapToDouble(t -> t.observation().gridOptimalTemperature()).toArray());
            return new Score(a.pearson(), a.rmse(), scored.isEmpty() ? Double.NaN : (double) within / scored.size(), within,
                    scored.size());
        }

        String cells() {
            return String.format(Locale.ROOT, "%s | %.3f | %.0f %% (%d of %d)", Double.isNaN(r) ? "— (constant)"
                    : String.format(Locale.ROOT, "%.3f", r), rmse, 100 * share, within, tasks);
        }
    }
}
