package org.tstar.spark;

import java.util.Map;
import org.tstar.search.trial.TrialExecutor;

/** Registers {@link SparkTrialExecutor} with the core, which finds it through {@link java.util.ServiceLoader}. */
public final class SparkTrialExecutorProvider implements TrialExecutor.Provider {
    @Override
    public TrialExecutor open(String master, Map<String, String> conf) {
        return SparkTrialExecutor.start(master, conf);
    }
}
