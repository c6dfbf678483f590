package org.tstar.search.config;

/**
 * The space's {@code successiveHalving:} block, for the strategies analytical-sh, sh and hyperband: η (each rung
 * keeps the best 1/η and trains η times longer), the budget in full-trial equivalents (recipe epochs), which the
 * plan never exceeds, the first rung's least epochs, and the seeded bracket's span (T̂* ÷ span to T̂* × span).
 * Defaults: η 2, budget 2.5 (5 % of a 51-point grid), a quarter of the recipe, span 30: rankings after one epoch
 * favour low temperatures, which learn faster and end worse (docs/searching.md, "When low-fidelity rankings
 * mislead"), so the first rung waits for a quarter of the epochs and each rung keeps half. {@code ranking}: what a
 * rung ranks its trials by, {@code score} (the score there, the default) or {@code extrapolated} (the final score each
 * trial's curve so far extrapolates to).
 */
public record SuccessiveHalvingSettings(double eta, double budget, int minEpochs, double span, String ranking) {
    public static final java.util.List<String> RANKINGS = java.util.List.of("score", "extrapolated");

    /** These settings ranking rungs by their scores. */
    public SuccessiveHalvingSettings(double eta, double budget, int minEpochs, double span) {
        this(eta, budget, minEpochs, span, "score");
    }

    /** The defaults for a recipe of {@code epochs}. */
    public static SuccessiveHalvingSettings defaults(int epochs) {
        return new SuccessiveHalvingSettings(2, 2.5, Math.max(1, epochs / 4), 30);
    }

    /** These settings with rungs ranked by {@code other}. */
    public SuccessiveHalvingSettings rankedBy(String other) {
        return new SuccessiveHalvingSettings(eta, budget, minEpochs, span, other);
    }
}
