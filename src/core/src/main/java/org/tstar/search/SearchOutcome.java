package org.tstar.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tstar.model.TrialResult;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialRecord;

/**
 * Everything one strategy's search produced: its trials in proposal order, how it was configured, its wall
 * time, and the derived totals (the compute it spent) and choice (its best trial by validation score).
 */
public record SearchOutcome(Strategy strategy, String description, Score score, List<TrialRecord> trials,
                            double wallSeconds) {

    public SearchOutcome {
        trials = List.copyOf(trials.stream().sorted(Comparator.comparingInt(TrialRecord::trial)).toList());
    }

    /**
     * The trial this strategy picks: best validation score among completed trials; ties go to the lower
     * validation loss, then the earlier trial. Empty when every trial failed.
     */
    public Optional<TrialRecord> chosen() {
        Comparator<TrialRecord> byScore = Comparator.comparingDouble(r -> score.of(r.result()));
        if (!score.minimize()) {
            byScore = byScore.reversed();
        }
        return trials.stream().filter(r -> r.result().completed())
                .min(byScore.thenComparingDouble(r -> r.result().validationLoss()).thenComparingInt(TrialRecord::trial));
    }

    /**
     * The search as if it had stopped after its first {@code n} trials: for a generator whose proposals do not depend
     * on results (Arbiter's seeded random search), exactly the search with a budget of {@code n}.
     */
    public SearchOutcome firstTrials(int n) {
        double wall = trials.stream().limit(n).mapToDouble(TrialRecord::endedAt).max().orElse(0);
        return new SearchOutcome(strategy, description + "; its first " + n + " trials", score,
                trials.stream().limit(n).toList(), wall);
    }

    public int trialCount() {
        return trials.size();
    }

    public int failedCount() {
        return (int) trials.stream().filter(r -> r.result().status() == org.tstar.model.TrialStatus.FAILED).count();
    }

    public int prunedCount() {
        return (int) trials.stream().filter(r -> r.result().pruned()).count();
    }

    public long epochs() {
        return trials.stream().mapToLong(r -> r.result().epochs()).sum();
    }

    public long samplePasses() {
        return trials.stream().mapToLong(r -> r.result().samplePasses()).sum();
    }

    /** Training seconds summed over trials (the compute, whatever the parallelism). */
    public double trainingSeconds() {
        return trials.stream().mapToDouble(r -> r.result().seconds()).sum();
    }

    /** Training FLOPs and the learning curves' evaluation FLOPs, summed over trials. */
    public double flops() {
        return trials.stream().mapToDouble(r -> r.result().totalFlops()).sum();
    }

    /**
     * What running the trials through Arbiter cost beyond training them. {@code startupSeconds}: search start to
     * the first trial (Arbiter's runner polls for one second before queueing its first candidate);
     * {@code perCandidateSeconds}: the rest of the wall time not covered by training, per trial.
     */
    public record RunnerOverhead(double startupSeconds, double perCandidateSeconds, double meanTrainingSeconds) {

        /** Per-candidate overhead as a fraction of a trial's mean training time. */
        public double perCandidateFraction() {
            return meanTrainingSeconds > 0 ? perCandidateSeconds / meanTrainingSeconds : Double.NaN;
        }
    }

    public RunnerOverhead overhead() {
        if (trials.isEmpty()) {
            return new RunnerOverhead(wallSeconds, 0, 0);
        }
        List<TrialRecord> byStart = new ArrayList<>(trials);
        byStart.sort(Comparator.comparingDouble(TrialRecord::startedAt));
        double startup = byStart.get(0).startedAt();
        // Union of the trials' running intervals: the wall time during which some trial was running.
        double covered = 0;
        double from = startup;
        double to = startup;
        double insideTasks = 0;
        for (TrialRecord r : byStart) {
            insideTasks += Math.max(0, (r.endedAt() - r.startedAt()) - r.result().seconds());
            if (r.startedAt() > to) {
                covered += to - from;
                from = r.startedAt();
            }
            to = Math.max(to, r.endedAt());
        }
        covered += to - from;
        double outsideTasks = Math.max(0, wallSeconds - startup - covered);
        int n = trials.size();
        return new RunnerOverhead(startup, (outsideTasks + insideTasks) / n, trainingSeconds() / n);
    }

    /** The best trial's result, for callers that need the numbers (empty when every trial failed). */
    public Optional<TrialResult> chosenResult() {
        return chosen().map(TrialRecord::result);
    }
}
