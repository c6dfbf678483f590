package org.tstar.search.trial;

import org.tstar.model.EpochObserver;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrialResult;

/**
 * What one search trial does at one temperature: train and evaluate a head (the real implementation is
 * {@code TemperatureTrainer.train} on shared prepared data), or read a known curve when a generator is tested.
 */
@FunctionalInterface
public interface TemperatureTrial {
    TrialResult run(double temperature);

    /**
     * The trial with its learning curve told to {@code observer}, which may stop it; a trial without epochs (a
     * known curve) ignores the observer.
     */
    default TrialResult run(double temperature, EpochObserver observer) {
        return run(temperature);
    }

    /** {@code trainer} on {@code data}, epoch by epoch. */
    static TemperatureTrial of(TemperatureTrainer trainer, PreparedSplit data) {
        return new TemperatureTrial() {
            @Override
            public TrialResult run(double temperature) {
                return trainer.train(data, temperature);
            }

            @Override
            public TrialResult run(double temperature, EpochObserver observer) {
                return trainer.train(data, temperature, observer);
            }
        };
    }
}
