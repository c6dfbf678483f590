package org.tstar.search;

import org.tstar.model.TrialResult;

/**
 * What one search trial does at one temperature: train and evaluate a head (the real implementation is
 * {@code TemperatureTrainer.train} on shared prepared data), or read a known curve when a generator is tested.
 */
@FunctionalInterface
public interface TemperatureTrial {
    TrialResult run(double temperature);
}
