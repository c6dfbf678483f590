package org.tstar.estimate;

/**
 * One task's grid-search outcome as a regression point: the dataset it belongs to (the unit left out in
 * cross-validation), its statistics, and the temperature the full grid found best.
 */
public record GridObservation(String dataset, FeatureStatistics statistics, double gridOptimalTemperature) {
}
