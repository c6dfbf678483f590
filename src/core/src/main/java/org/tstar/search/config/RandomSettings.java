package org.tstar.search.config;

/** The random strategy's trial budget and generator seed (defaults: analytical.maxTrials, training.seed). */
public record RandomSettings(int trials, long seed) {
}
