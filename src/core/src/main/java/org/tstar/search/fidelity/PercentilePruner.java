package org.tstar.search.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's percentile rule (the median rule at 50) over one search's curves: after a warm-up, a trial whose score
 * at epoch e is below the given percentile of the scores the completed trials had at epoch e is stopped. Nothing
 * is pruned until {@code startupTrials} trials have completed, and only completed curves are compared against, so
 * a pruned trial never lowers the bar for the next.
 */
public final class PercentilePruner implements Pruner {
    private final double percentile;
    private final int warmupEpochs;
    private final int startupTrials;
    private final Map<Integer, List<Double>> running = new HashMap<>();
    private final List<List<Double>> completed = new ArrayList<>();

    /**
     * @param percentile 0–100; 50 is the median, a lower one prunes less
     * @param warmupEpochs epochs every trial trains before it can be pruned
     * @param startupTrials completed trials needed before any pruning
     */
    public PercentilePruner(double percentile, int warmupEpochs, int startupTrials) {
        if (!(percentile >= 0 && percentile <= 100) || warmupEpochs < 0 || startupTrials < 1) {
            throw new IllegalArgumentException("percentile in [0, 100], warmupEpochs ≥ 0, startupTrials ≥ 1");
        }
        this.percentile = percentile;
        this.warmupEpochs = warmupEpochs;
        this.startupTrials = startupTrials;
    }

    @Override
    public synchronized boolean prune(int trial, int epoch, double score) {
        List<Double> curve = running.computeIfAbsent(trial, t -> new ArrayList<>());
        while (curve.size() < epoch - 1) {
            curve.add(Double.NaN);
        }
        curve.add(score);
        if (epoch <= warmupEpochs || completed.size() < startupTrials) {
            return false;
        }
        double[] others = completed.stream().filter(c -> c.size() >= epoch).mapToDouble(c -> c.get(epoch - 1))
                .filter(Double::isFinite).toArray();
        if (others.length < startupTrials) {
            return false;
        }
        boolean stop = !(score >= percentileOf(others, percentile));
        if (stop) {
            running.remove(trial);
        }
        return stop;
    }

    @Override
    public synchronized void completed(int trial) {
        List<Double> curve = running.remove(trial);
        if (curve != null) {
            completed.add(curve);
        }
    }

    /** The percentile of {@code values} by linear interpolation between order statistics (numpy's default). */
    static double percentileOf(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = percentile / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
