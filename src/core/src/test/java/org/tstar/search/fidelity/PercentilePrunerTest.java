package org.tstar.search.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The percentile rule on a known family of learning curves (no training): accuracy(T, e) = top(T)·(1 − e^(−e/τ(T)))
 * with the best final accuracy at T = 1 and slower curves far from it. The pruner stops exactly the trials the
 * rule says and never the eventual best.
 */
public class PercentilePrunerTest {
    private static final int EPOCHS = 10;

    /** The family: top accuracy peaks at log T = 0, and curves far from it also rise more slowly. */
    public static double accuracy(double temperature, int epoch) {
        double distance = Math.abs(Math.log(temperature));
        double top = 0.95 - 0.05 * distance * distance;
        double tau = 1 + distance;
        return top * (1 - Math.exp(-epoch / tau));
    }

    /** Feeds trials in order, epoch by epoch; returns the epoch each was pruned at (0: completed). */
    private static List<Integer> run(Pruner pruner, double[] temperatures) {
        List<Integer> prunedAt = new ArrayList<>();
        for (int trial = 1; trial <= temperatures.length; trial++) {
            int stopped = 0;
            for (int e = 1; e <= EPOCHS; e++) {
                if (pruner.prune(trial, e, accuracy(temperatures[trial - 1], e))) {
                    stopped = e;
                    break;
                }
            }
            if (stopped == 0) {
                pruner.completed(trial);
            }
            prunedAt.add(stopped);
        }
        return prunedAt;
    }

    @Test
    void stopsExactlyTheTrialsBelowTheMedianOfTheCompletedCurves() {
        double[] temperatures = {1.5, 0.5, 4, 1, 0.1, 2, 10};
        List<Integer> prunedAt = run(new PercentilePruner(50, 1, 2), temperatures);
        // By hand, at epoch 2 (the first after the warm-up): T = 1.5 and 0.5 are the start-up (0.715, 0.642);
        // T = 4 scores 0.484 < median 0.678: pruned; T = 1 scores 0.821: completes; T = 0.1 scores far below;
        // T = 2 scores 0.642 < median(0.715, 0.642, 0.821) = 0.715: pruned; T = 10 far below.
        assertThat(prunedAt).containsExactly(0, 0, 2, 0, 2, 2, 2);
        assertThat(prunedAt.get(3)).as("the eventual best, T = 1").isZero();
    }

    @Test
    void warmupStartupAndPercentileBoundThePruning() {
        double[] temperatures = {1, 0.5, 0.1, 10};
        assertThat(run(new PercentilePruner(50, EPOCHS, 1), temperatures)).as("warm-up as long as training")
                .containsOnly(0);
        assertThat(run(new PercentilePruner(50, 1, 4), temperatures)).as("never enough completed trials").containsOnly(0);
        assertThat(run(new PercentilePruner(0, 1, 2), temperatures)).as("0th percentile: only below the worst")
                .containsExactly(0, 0, 2, 2);
        assertThat(run(Pruner.NONE, temperatures)).containsOnly(0);
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        double[] v = {3, 1, 4, 1, 5};
        assertThat(PercentilePruner.percentileOf(v, 50)).isEqualTo(3);
        assertThat(PercentilePruner.percentileOf(v, 0)).isEqualTo(1);
        assertThat(PercentilePruner.percentileOf(v, 100)).isEqualTo(5);
        assertThat(PercentilePruner.percentileOf(v, 25)).isEqualTo(1);
        assertThat(PercentilePruner.percentileOf(new double[] {1, 2}, 50)).isEqualTo(1.5);
    }
}
