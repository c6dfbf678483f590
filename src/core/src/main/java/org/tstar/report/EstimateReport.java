package org.tstar.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.model.HeadSpec;

/**
 * A training-free estimate as {@code tstar estimate} shows it: term by term with the coefficients' provenance,
 * or as one JSON line.
 *
 * @param estimate T̂* and its terms
 * @param data the data SPEC it was computed on
 * @param head the head whose feature width is M
 * @param csg the difficulty measure's settings
 * @param seconds how long the estimate took
 * @param trainRows the training rows it was computed on
 */
public record EstimateReport(AnalyticalTemperature.Estimate estimate, String data, HeadSpec head,
                             CumulativeSpectralGradient csg, double seconds, int trainRows) {

    public String text() {
        AnalyticalTemperature.Estimate e = estimate;
        TemperatureCoefficients k = e.coefficients();
        StringBuilder b = new StringBuilder();
        if (e.prior() != null) {
            b.append(prior(e.prior())).append(String.format("the formula's terms beside it (%s coefficients):%n", k.name()));
        }
        // under a prior, T̂* is the prior's; the formula's own value is its sum clipped to its bounds
        double formula = e.formulaTemperature();
        b.append(String.format("T̂* = %.4f   (%s coefficients, data %s, head %s)%n", formula, k.name(), data, head));
        b.append(String.format("  α√M       = %.4f × √%d = %.4f%n", k.alpha(), e.featureWidth(), e.widthTerm()));
        b.append(String.format("  β         = %.4f%n", e.intercept()));
        b.append(String.format("  γ·ln csg  = %.4f × ln %.4f = %.4f%n", k.gamma(), e.csg(), e.difficultyTerm()));
        b.append(String.format("  δ·ln C    = %.4f × ln %d = %.4f%n", k.delta(), e.classes(), e.classTerm()));
        b.append(String.format("  sum       = %.4f; clip to [%s, %s]: %s%n", e.unclipped(), k.minTemperature(),
                k.maxTemperature(), formula != e.unclipped() ? "applied, T̂* = " + formula : "not needed"));
        b.append(String.format("M = %d (%s), C = %d, csg = %.4f (k = %d, m = %d per class, %s; %.2f s on %d training rows)%n",
                e.featureWidth(), head.hidden().isEmpty() ? "input width" : "last hidden width", e.classes(), e.csg(),
                csg.neighbours(), csg.samplesPerClass(), csg.projectionDims() > 0 ? "PCA to " + csg.projectionDims() + " dims"
                        : "no projection", seconds, trainRows));
        b.append(String.format("coefficients: %s; fitted on: %s; date: %s%s%n", k.provenance().source(),
                k.provenance().fittedOn(), k.provenance().date(), k.provenance().hasCrossValidatedError()
                        ? "; CV error (log T): " + k.provenance().crossValidatedLogError() : ""));
        return b.toString();
    }

    /** The prior's T̂*, each predictor's pull on it, and the error this task can expect. */
    private String prior(TransferPrior.Prediction p) {
        TransferPrior prior = p.prior();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "T̂* = %.4f   (prior '%s', data %s, head %s)%n",
                p.temperature(), prior.name(), data, head));
        b.append(String.format(Locale.ROOT, "  %s%n", prior.formula()));
        b.append(String.format(Locale.ROOT, "  a task average in every predictor: T = %.4f%n", p.baseline()));
        for (TransferPrior.Contribution c : p.contributions()) {
            String mean = String.format(Locale.ROOT, c.mean() < 0 ? "(%.4f)" : "%.4f", c.mean());
            b.append(String.format(Locale.ROOT, "  %-16s = %.4f%s (fitted tasks' mean %.4f): %+.3f × (%.4f − %s) = %+.3f in ln T, ×%.3g%n",
                    c.predictor(), c.value(), c.clamped() ? String.format(Locale.ROOT, ", beyond the fitted tasks: clamped to %.4f",
                            c.used()) : "", c.mean(), c.weight(), c.used(), mean, c.logEffect(), Math.exp(c.logEffect())));
        }
        b.append(String.format(Locale.ROOT, "  clip to [%s, %s]: %s%n", prior.minTemperature(), prior.maxTemperature(),
                p.clipped() ? "applied (unclipped " + String.format(Locale.ROOT, "%.4g", p.unclipped()) + ")" : "not needed"));
        b.append(String.format(Locale.ROOT, "  expected error for this task: ±%.3f in ln T (×%.2f; leverage h = %.3f), so the "
                        + "analytical search starts at T̂* ÷ %.2f … T̂* × %.2f unless the space sets analytical.range%n",
                p.expectedLogError(), p.errorFactor(), p.leverage(), p.errorFactor(), p.errorFactor()));
        b.append(String.format(Locale.ROOT, "prior: %s; fitted on: %s; date: %s; CV error (log T): %s%n",
                prior.provenance().source(), prior.provenance().fittedOn(), prior.provenance().date(),
                prior.provenance().crossValidatedLogError()));
        return b.toString();
    }

    public String json() {
        AnalyticalTemperature.Estimate e = estimate;
        TemperatureCoefficients k = e.coefficients();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", e.temperature());
        m.put("unclipped", e.unclipped());
        m.put("clipped", e.clipped());
        m.put("widthTerm", e.widthTerm());
        m.put("intercept", e.intercept());
        m.put("difficultyTerm", e.difficultyTerm());
        m.put("classTerm", e.classTerm());
        m.put("M", e.featureWidth());
        m.put("C", e.classes());
        m.put("csg", e.csg());
        m.put("data", data);
        m.put("coefficients", k.name());
        m.put("alpha", k.alpha());
        m.put("beta", k.beta());
        m.put("gamma", k.gamma());
        m.put("delta", k.delta());
        m.put("minTemperature", k.minTemperature());
        m.put("maxTemperature", k.maxTemperature());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", k.provenance().source());
        provenance.put("fittedOn", k.provenance().fittedOn());
        provenance.put("date", k.provenance().date());
        provenance.put("crossValidatedLogError",
                k.provenance().hasCrossValidatedError() ? k.provenance().crossValidatedLogError() : null);
        m.put("provenance", provenance);
        if (e.prior() != null) {
            TransferPrior.Prediction p = e.prior();
            Map<String, Object> prior = new LinkedHashMap<>();
            prior.put("name", p.prior().name());
            prior.put("temperature", p.temperature());
            prior.put("baseline", p.baseline());
            prior.put("expectedLogError", p.expectedLogError());
            prior.put("leverage", p.leverage());
            prior.put("contributions", p.contributions().stream().map(c -> Map.of("predictor", c.predictor(),
                    "value", c.value(), "used", c.used(), "mean", c.mean(), "weight", c.weight(), "logEffect", c.logEffect())).toList());
            prior.put("source", p.prior().provenance().source());
            m.put("prior", prior);
        }
        m.put("seconds", seconds);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
