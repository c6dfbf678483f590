package org.tstar.search.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One successive-halving bracket planned before it runs: the epochs at which its trials are ranked (the rungs,
 * the last being the full recipe), how many trials reach each rung, and how many of the first rung's trials are
 * proposed only after the others' first-rung scores are known (a second wave placed around the leader). Its cost
 * in epochs is fixed by the plan, so a search made of such brackets cannot spend more than their sum.
 *
 * @param rungs epochs at which trials are compared, strictly increasing, the last the recipe's epochs
 * @param populations trials reaching each rung; the first is every trial of the bracket
 * @param secondWave how many of {@code populations[0]} are the second wave (0: all proposed up front)
 */
public record FidelitySchedule(List<Integer> rungs, List<Integer> populations, int secondWave) {

    public FidelitySchedule {
        rungs = List.copyOf(rungs);
        populations = List.copyOf(populations);
        if (rungs.isEmpty() || rungs.size() != populations.size()) {
            throw new IllegalArgumentException("one population per rung, at least one rung: " + rungs + " " + populations);
        }
        for (int k = 0; k < rungs.size(); k++) {
            if (rungs.get(k) < 1 || k > 0 && rungs.get(k) <= rungs.get(k - 1)) {
                throw new IllegalArgumentException("rungs must be increasing epochs ≥ 1: " + rungs);
            }
            if (populations.get(k) < 1 || k > 0 && populations.get(k) > populations.get(k - 1)) {
                throw new IllegalArgumentException("populations must be ≥ 1 and non-increasing: " + populations);
            }
        }
        if (secondWave < 0 || secondWave >= populations.get(0)) {
            throw new IllegalArgumentException("second wave must leave a first wave: " + secondWave + " of " + populations.get(0));
        }
    }

    /**
     * The rung epochs for a recipe of {@code epochs}: the full recipe, then each rung 1/η of the next (rounded down,
     * at least {@code minEpochs}), down to the smallest; a one-epoch recipe has a single rung.
     */
    public static List<Integer> ladder(int epochs, double eta, int minEpochs) {
        if (epochs < 1 || !(eta > 1) || minEpochs < 1) {
            throw new IllegalArgumentException("epochs ≥ 1, η > 1, minEpochs ≥ 1");
        }
        List<Integer> down = new ArrayList<>(List.of(epochs));
        while (true) {
            int next = Math.max(minEpochs, (int) Math.floor(down.get(down.size() - 1) / eta));
            if (next >= down.get(down.size() - 1)) {
                break;
            }
            down.add(next);
        }
        List<Integer> up = new ArrayList<>(down);
        java.util.Collections.reverse(up);
        return up;
    }

    /**
     * The bracket on {@code rungs} with the most first-rung trials whose cost fits {@code budgetEpochs}: each rung
     * keeps the best 1/η (rounded up) of the one below, the last keeps one. Null when not even two first-rung trials
     * fit (a bracket of one is a plain full trial).
     *
     * @param secondWave the trials of the first rung held back for the second wave, when the bracket is large enough
     *                   to keep a first wave of at least three
     */
    public static FidelitySchedule largestWithin(List<Integer> rungs, double eta, double budgetEpochs, int secondWave) {
        FidelitySchedule best = null;
        for (int n = 2; n <= 10_000; n++) {
            int wave = n - secondWave >= 3 ? secondWave : 0;
            FidelitySchedule s = new FidelitySchedule(rungs, populations(rungs.size(), n, eta), wave);
            if (s.cost() > budgetEpochs + 1e-9) {
                break;
            }
            best = s;
        }
        return best;
    }

    /** Trials per rung: {@code first}, then the best 1/η (rounded up) of the rung below, one at the last rung. */
    static List<Integer> populations(int rungCount, int first, double eta) {
        List<Integer> p = new ArrayList<>(List.of(first));
        for (int k = 1; k < rungCount; k++) {
            p.add(k == rungCount - 1 ? 1 : Math.max(1, (int) Math.ceil(p.get(k - 1) / eta - 1e-9)));
        }
        return p;
    }

    /** Epochs the bracket trains at most: a trial promoted to a rung continues from the previous one, not afresh. */
    public int cost() {
        int epochs = 0;
        int previous = 0;
        for (int k = 0; k < rungs.size(); k++) {
            epochs += populations.get(k) * (rungs.get(k) - previous);
            previous = rungs.get(k);
        }
        return epochs;
    }

    /** The number of temperatures the bracket tries. */
    public int trials() {
        return populations.get(0);
    }

    public int firstWave() {
        return populations.get(0) - secondWave;
    }

    /** The index of {@code epoch} among the rungs, or −1 when no comparison is made after it. */
    public int rungAt(int epoch) {
        return rungs.indexOf(epoch);
    }

    public int lastRung() {
        return rungs.size() - 1;
    }

    /** One line: trials per rung at their epochs and the cost. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < rungs.size(); k++) {
            s.append(k == 0 ? "" : " → ").append(populations.get(k)).append(" at ").append(rungs.get(k))
                    .append(rungs.get(k) == 1 ? " epoch" : " epochs");
        }
        if (secondWave > 0) {
            s.append(String.format(Locale.ROOT, " (%d of the first %d placed after the others' scores)",
                    secondWave, populations.get(0)));
        }
        return s.append(", ").append(cost()).append(" epochs at most").toString();
    }
}
