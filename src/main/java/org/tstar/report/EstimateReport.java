package org.tstar.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
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
        b.append(String.format("T̂* = %.4f   (%s coefficients, data %s, head %s)%n", e.temperature(), k.name(), data, head));
        b.append(String.format("  α√M       = %.4f × √%d = %.4f%n", k.alpha(), e.featureWidth(), e.widthTerm()));
        b.append(String.format("  β         = %.4f%n", e.intercept()));
        b.append(String.format("  γ·ln csg  = %.4f × ln %.4f = %.4f%n", k.gamma(), e.csg(), e.difficultyTerm()));
        b.append(String.format("  δ·ln C    = %.4f × ln %d = %.4f%n", k.delta(), e.classes(), e.classTerm()));
        b.append(String.format("  sum       = %.4f; clip to [%s, %s]: %s%n", e.unclipped(), k.minTemperature(),
                k.maxTemperature(), e.clipped() ? "applied, T̂* = " + e.temperature() : "not needed"));
        b.append(String.format("M = %d (%s), C = %d, csg = %.4f (k = %d, m = %d per class, %s; %.2f s on %d training rows)%n",
                e.featureWidth(), head.hidden().isEmpty() ? "input width" : "last hidden width", e.classes(), e.csg(),
                csg.neighbours(), csg.samplesPerClass(), csg.projectionDims() > 0 ? "PCA to " + csg.projectionDims() + " dims"
                        : "no projection", seconds, trainRows));
        b.append(String.format("coefficients: %s; fitted on: %s; date: %s%s%n", k.provenance().source(),
                k.provenance().fittedOn(), k.provenance().date(), k.provenance().hasCrossValidatedError()
                        ? "; CV error (log T): " + k.provenance().crossValidatedLogError() : ""));
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
        m.put("seconds", seconds);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
