package org.tstar.search.arbiter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.search.fidelity.Pruner;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialListener;
import org.tstar.search.trial.TrialRecord;

/**
 * One strategy's search run through Arbiter's {@link LocalOptimizationRunner}: the generator proposes, tstar's task
 * creator trains each candidate as {@code trial}, {@code pruner} may stop it, and the run ends when the generator is
 * exhausted or the trial log failed (rethrown here). It decides nothing about the strategy: generator, pruner,
 * threads and curves come planned.
 *
 * @param threads runner threads: trials in flight at once (a successive-halving plan needs one per waiting trial)
 * @param curves  whether trials report their learning curves (to the listener and the pruner)
 */
public record ArbiterSearch(Strategy strategy, TemperatureGenerator generator, TemperatureTrial trial, Score score,
                            Pruner pruner, int threads, boolean curves, RecordedTrials recorded) {

    /** What the run produced: its trials in the order they ended and its wall time. */
    public record Ran(List<TrialRecord> trials, double wallSeconds) {
    }

    public Ran run(TrialListener listener, List<StatusListener> statusListeners) {
        long origin = System.nanoTime();
        List<TrialRecord> records = Collections.synchronizedList(new ArrayList<>());
        SearchStop stop = new SearchStop();
        stop.onStop(pruner::abort);
        TrialListener recordAndForward = new TrialListener() {
            @Override
            public void trialEnded(TrialRecord r) {
                // a listener that throws (the trial log could not take the row) stops the search: TemperatureTrialRun
                listener.trialEnded(r);
                records.add(r);
            }

            @Override
            public void trialStarted(Strategy s, int trial, double temperature) {
                listener.trialStarted(s, trial, temperature);
            }

            @Override
            public void epochEnded(Strategy s, int trial, double temperature, CurvePoint point) {
                listener.epochEnded(s, trial, temperature, point);
            }
        };
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .scoreFunction(new ValidationScoreFunction(score))
                .terminationConditions(new GeneratorExhaustedCondition(), stop)
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(threads, config,
                new TrialTaskCreator(strategy, trial, score, recordAndForward, origin, recorded, stop, pruner, curves));
        runner.addListeners(generator.runnerListeners().toArray(StatusListener[]::new));
        runner.addListeners(statusListeners.toArray(StatusListener[]::new));
        runner.execute();
        stop.rethrow();
        double wall = (System.nanoTime() - origin) / 1e9;
        synchronized (records) {
            return new Ran(new ArrayList<>(records), wall);
        }
    }
}
