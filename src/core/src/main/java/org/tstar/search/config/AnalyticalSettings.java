package org.tstar.search.config;

import org.tstar.estimate.TemperatureCoefficients;

/**
 * The analytical search's settings: coefficient set, range factor r (NaN: from the coefficients' CV error, else 2),
 * trial budget and the bracket ratio at which refinement stops.
 */
public record AnalyticalSettings(String coefficients, double range, int maxTrials, double tolerance) {
    public static final AnalyticalSettings DEFAULTS = new AnalyticalSettings("paper", Double.NaN, 8, 1.25);

    /**
     * The range factor r the search uses: the file's, else e^(cross-validated log error) of the coefficients (one
     * standard error of the estimate in log T), else 2; never below the tolerance, which no step could then respect.
     */
    public double rangeFactor(TemperatureCoefficients k) {
        return rangeFactor(k.provenance().hasCrossValidatedError() ? k.provenance().crossValidatedLogError() : Math.log(2));
    }

    /**
     * The range factor for an estimate expected within {@code logError} of T* in ln T (a transfer prior's error for
     * this very task, larger the less the task resembles those it was fitted on): the file's range, else e^logError,
     * kept within [tolerance, 100].
     */
    public double rangeFactor(double logError) {
        if (!Double.isNaN(range)) {
            return range;
        }
        return Math.min(100, Math.max(tolerance, Math.exp(logError)));
    }
}
