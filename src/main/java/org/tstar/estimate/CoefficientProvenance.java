package org.tstar.estimate;

/**
 * Where a set of estimate coefficients came from: the source, what it was fitted on, when, and its
 * leave-one-dataset-out error in log T (NaN when it was not fitted by tstar).
 */
public record CoefficientProvenance(String source, String fittedOn, String date, double crossValidatedLogError) {

    public boolean hasCrossValidatedError() {
        return Double.isFinite(crossValidatedLogError);
    }
}
