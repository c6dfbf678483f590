package org.tstar.search.config;

import org.tstar.search.trial.Score;




/**
 * How the temperature is searched: its range and grid, the score trials are judged by, and each strategy's own
 * settings (analytical, random, successive halving) and the pruning rule.
 */
public record SearchSettings(TemperatureRange temperature, Score score, AnalyticalSettings analytical,
                             RandomSettings random, SuccessiveHalvingSettings successiveHalving,
                             PruningSettings pruning) {

    public SearchSettings withRandom(RandomSettings other) {
        return new SearchSettings(temperature, score, analytical, other, successiveHalving, pruning);
    }

    public SearchSettings withSuccessiveHalving(SuccessiveHalvingSettings other) {
        return new SearchSettings(temperature, score, analytical, random, other, pruning);
    }

    public SearchSettings withPruning(PruningSettings other) {
        return new SearchSettings(temperature, score, analytical, random, successiveHalving, other);
    }
}
