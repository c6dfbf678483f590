package org.tstar;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A computed number cut to the digits it means before it is written to a file a user keeps (coefficients, priors,
 * provenance): the same fit on another CPU differs in its 10th digit, and a written file should not.
 */
public final class SignificantDigits {
    /** Fitted weights and the statistics a prior keeps: far below any effect on a temperature, far above CPU noise. */
    public static final int FITTED = 9;
    /** An error or score said about a fit (RMSE in ln T): what a reader compares. */
    public static final int REPORTED = 4;

    private SignificantDigits() {
    }

    /** {@code x} rounded half-up to {@code digits} significant digits; non-finite values and zero unchanged. */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x) || x == 0) {
            return x;
        }
        return new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    /** {@link #round} written in the shortest form that reads back to the rounded value. */
    public static String text(double x, int digits) {
        return Double.toString(round(x, digits));
    }
}
