package org.tstar.search.fidelity;

import java.util.Locale;
import java.util.Map;

/**
 * Who goes on from a rung: the {@code keep} trials that rank highest there, ties to the earlier trial; a trial that
 * failed (−∞) never goes on. What they are ranked by is the rule: the score at the rung, or the final score the
 * curve so far predicts (a low temperature learns fast and ends worse, so raw early scores favour it).
 */
public interface RungRanking {

    /** The score at the rung, as plain successive halving ranks. */
    RungRanking BY_RUNG_SCORE = new RungRanking() {
        @Override
        public double rank(Map<Integer, Double> curve, int epoch, int finalEpoch) {
            return curve.getOrDefault(epoch, Double.NEGATIVE_INFINITY);
        }

        @Override
        public String describe() {
            return "the score at the rung";
        }
    };

    /** The curve extrapolated to the full recipe ({@link CurveExtrapolation}). */
    RungRanking BY_EXTRAPOLATED_FINAL = new RungRanking() {
        @Override
        public double rank(Map<Integer, Double> curve, int epoch, int finalEpoch) {
            return CurveExtrapolation.finalScore(curve, epoch, finalEpoch);
        }

        @Override
        public String describe() {
            return "the final score the curve so far extrapolates to";
        }
    };

    /** The rankings a space file names: {@code score} or {@code extrapolated}. */
    static RungRanking named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "score" -> BY_RUNG_SCORE;
            case "extrapolated" -> BY_EXTRAPOLATED_FINAL;
            default -> throw new IllegalArgumentException("ranking '" + name + "' is not score or extrapolated");
        };
    }

    /**
     * What a trial with {@code curve} (epoch → score, larger better) is ranked by at a rung after {@code epoch}, in a
     * recipe of {@code finalEpoch} epochs.
     */
    double rank(Map<Integer, Double> curve, int epoch, int finalEpoch);

    /** In words, for reports. */
    String describe();
}
