package org.tstar.estimate;

/**
 * Where a set of estimate coefficients came from: the source, what it was fitted on, when, and its
 * leave-one-dataset-out error in log T (NaN when it was not fitted by tstar).
 */
public record CoefficientProvenance(String source, String fittedOn, String date, double crossValidatedLogError) {
    private static final java.util.Set<String> KEYS = java.util.Set.of("source", "fittedOn", "date", "crossValidatedLogError");

    /** The error is kept at the digits a reader compares, so the same fit on another CPU records the same provenance. */
    public CoefficientProvenance {
        crossValidatedLogError = org.tstar.SignificantDigits.round(crossValidatedLogError, org.tstar.SignificantDigits.REPORTED);
    }

    /** The {@code provenance:} block of a coefficient or prior file; unknown where it has none. */
    static CoefficientProvenance read(org.tstar.ConfigMap file, String where) {
        if (!file.has("provenance")) {
            return new CoefficientProvenance(where, "unknown", "unknown", Double.NaN);
        }
        org.tstar.ConfigMap p = file.map("provenance").allowOnly(KEYS);
        return new CoefficientProvenance(p.text("source", "unknown"), p.text("fittedOn", "unknown"), p.text("date", "unknown"),
                p.number("crossValidatedLogError", Double.NaN));
    }

    /** The {@code provenance:} block {@link #read} reads back. */
    String toYaml() {
        return "provenance:\n"
                + "  source: \"" + source.replace("\"", "'") + "\"\n"
                + "  fittedOn: \"" + fittedOn.replace("\"", "'") + "\"\n"
                + "  date: \"" + date + "\"\n"
                + (hasCrossValidatedError() ? "  crossValidatedLogError: " + crossValidatedLogError + "\n" : "");
    }

    public boolean hasCrossValidatedError() {
        return Double.isFinite(crossValidatedLogError);
    }
}
