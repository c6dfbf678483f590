package org.tstar.search.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The extrapolated final score on known curves: a geometric approach a(e) = A − B·rᵉ is predicted exactly from its
 * first six epochs, and a slow-learning curve that ends higher outranks a fast one that leads at the rung.
 */
class CurveExtrapolationTest {

    static Map<Integer, Double> geometric(double a, double b, double r, int epochs) {
        Map<Integer, Double> curve = new TreeMap<>();
        for (int e = 1; e <= epochs; e++) {
            curve.put(e, a - b * Math.pow(r, e));
        }
        return curve;
    }

    @Test
    void aGeometricCurveIsPredictedExactly() {
        Map<Integer, Double> curve = geometric(0.9, 0.5, 0.7, 6);
        assertThat(CurveExtrapolation.finalScore(curve, 6, 20)).isCloseTo(0.9 - 0.5 * Math.pow(0.7, 20), within(1e-12));
    }

    @Test
    void theExtrapolatedRankingPrefersTheCurveThatEndsHigher() {
        Map<Integer, Double> fast = geometric(0.80, 0.4, 0.3, 6);
        Map<Integer, Double> slow = geometric(0.95, 0.8, 0.85, 6);
        assertThat(RungRanking.BY_RUNG_SCORE.rank(fast, 6, 20)).isGreaterThan(RungRanking.BY_RUNG_SCORE.rank(slow, 6, 20));
        assertThat(RungRanking.BY_EXTRAPOLATED_FINAL.rank(slow, 6, 20))
                .isGreaterThan(RungRanking.BY_EXTRAPOLATED_FINAL.rank(fast, 6, 20))
                .isCloseTo(0.95 - 0.8 * Math.pow(0.85, 20), within(1e-12));
    }

    @Test
    void aCurveThatStoppedRisingOrIsTooShortKeepsItsLastScore() {
        Map<Integer, Double> flat = new TreeMap<>(Map.of(1, 0.5, 2, 0.6, 3, 0.6, 4, 0.6, 5, 0.6, 6, 0.59));
        assertThat(CurveExtrapolation.finalScore(flat, 6, 20)).isEqualTo(0.59);
        Map<Integer, Double> short2 = geometric(0.9, 0.5, 0.7, 2);
        assertThat(CurveExtrapolation.finalScore(short2, 2, 20)).isEqualTo(short2.get(2));
    }
}
