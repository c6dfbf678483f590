package org.tstar.search.fidelity;

import java.util.Map;

/**
 * A learning curve's final score predicted from its start, for ranking at a rung: the three points at a third, two
 * thirds and all of the epochs so far (a1, a2, a3) give the last two gains d1 = a2 − a1 and d2 = a3 − a2; while the
 * curve still rises and slows (0 < d2 < d1), it is taken to go on geometrically (ratio r = d2/d1, as Aitken's Δ²
 * assumes), summed over the steps left to the full recipe. A curve that has stopped rising is predicted at its last
 * score; one still rising as fast (d2 ≥ d1 > 0) gets r capped at 0.9. Fewer than three epochs: the last score.
 * It predicts from this trial's curve alone: nothing is learned across trials or tasks.
 */
final class CurveExtrapolation {
    private static final double MAX_RATIO = 0.9;

    private CurveExtrapolation() {
    }

    static double finalScore(Map<Integer, Double> curve, int epoch, int finalEpoch) {
        double last = curve.getOrDefault(epoch, Double.NEGATIVE_INFINITY);
        if (epoch < 3 || !Double.isFinite(last) || finalEpoch <= epoch) {
            return last;
        }
        Double a1 = curve.get(Math.max(1, Math.round(epoch / 3f)));
        Double a2 = curve.get(Math.max(1, Math.round(2 * epoch / 3f)));
        if (a1 == null || a2 == null || !Double.isFinite(a1) || !Double.isFinite(a2)) {
            return last;
        }
        double d1 = a2 - a1;
        double d2 = last - a2;
        if (!(d2 > 0)) {
            return last;
        }
        double r = d1 > 0 ? Math.min(MAX_RATIO, d2 / d1) : 0.5;
        double steps = (finalEpoch - epoch) / (epoch / 3.0);
        // d2·r + d2·r² + … over the steps left
        return last + d2 * r * (1 - Math.pow(r, steps)) / (1 - r);
    }
}
