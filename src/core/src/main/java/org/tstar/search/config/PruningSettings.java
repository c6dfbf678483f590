package org.tstar.search.config;

/**
 * The space's {@code pruning:} block: {@code none} (every trial trains its full recipe), or {@code median} /
 * {@code percentile} with a warm-up in epochs and a number of completed trials before any pruning.
 */
public record PruningSettings(String rule, double percentile, int warmupEpochs, int startupTrials) {
    public static final PruningSettings NONE = new PruningSettings("none", 50, 1, 2);

    public boolean prunes() {
        return !rule.equals("none");
    }
}
