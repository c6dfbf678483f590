package org.tstar.search.fidelity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;

/**
 * Synchronous successive halving over the temperature, as a pruner: each bracket's trials train to the first rung
 * and wait there; once every one of them has its score, the best 1/η go on training from where they stopped (no
 * retraining) to the next rung, the others end pruned with the epochs they used; the last rung is the full recipe,
 * reached by one trial, which is the search's pick. Brackets run one after another (Hyperband's are several; plain
 * and seeded successive halving have one). It also releases each bracket's temperatures to its generator, since
 * when the next may be proposed depends on the rungs' decisions.
 *
 * <p>Waiting trials hold a runner thread but not a compute permit: at most {@code parallelism} trials train at a
 * time, whatever number wait at a rung. A trial's result does not depend on when it waits, so the picks are the
 * same at any parallelism. The plan's cost is fixed before the first trial: failures only lower it. Asynchronous
 * promotion (ASHA) is not handled: a rung waits for all its trials.
 */
public final class SuccessiveHalvingPruner implements Pruner {
    private final List<HalvingBracket> brackets;
    private final RungRanking ranking;
    private final Semaphore permits;
    private final Map<Integer, RungTrial> trials = new HashMap<>();
    private final List<BracketProgress> progress = new ArrayList<>();
    private boolean aborted;

    /** Ranks each rung by its scores ({@link RungRanking#BY_RUNG_SCORE}). */
    public SuccessiveHalvingPruner(List<HalvingBracket> brackets, int parallelism) {
        this(brackets, RungRanking.BY_RUNG_SCORE, parallelism);
    }

    /** @param parallelism trials that train at the same time */
    public SuccessiveHalvingPruner(List<HalvingBracket> brackets, RungRanking ranking, int parallelism) {
        if (brackets.isEmpty() || parallelism < 1) {
            throw new IllegalArgumentException("at least one bracket and parallelism ≥ 1");
        }
        this.brackets = List.copyOf(brackets);
        this.ranking = ranking;
        this.permits = new Semaphore(parallelism, true);
        for (HalvingBracket b : brackets) {
            progress.add(new BracketProgress(b, ranking));
        }
    }

    public List<HalvingBracket> brackets() {
        return brackets;
    }

    /** Epochs the whole plan trains at most. */
    public int plannedEpochs() {
        return brackets.stream().mapToInt(b -> b.schedule().cost()).sum();
    }

    /** Temperatures the whole plan tries; the runner needs a thread for each that may wait at once. */
    public int plannedTrials() {
        return brackets.stream().mapToInt(b -> b.schedule().trials()).sum();
    }

    // ---- the generator's side ----

    /** The next temperature to propose now, if any (a second wave waits for the first's scores). */
    public synchronized OptionalDouble next() {
        for (BracketProgress b : progress) {
            OptionalDouble t = b.next();
            if (t.isPresent() || b.awaitsSecondWave()) {
                return t;
            }
            // this bracket has proposed everything: the next one may start while its trials train
        }
        return OptionalDouble.empty();
    }

    /** The temperature {@link #next()} gave is proposed as trial {@code number}. */
    public synchronized double propose(int number) {
        for (BracketProgress b : progress) {
            if (b.hasQueued()) {
                RungTrial trial = b.propose(number);
                trials.put(number, trial);
                return trial.temperature;
            }
            if (b.awaitsSecondWave()) {
                break;
            }
        }
        throw new IllegalStateException("nothing to propose: call next() first");
    }

    // ---- the pruner's side ----

    @Override
    public void started(int number) {
        permits.acquireUninterruptibly();
        synchronized (this) {
            RungTrial t = trials.get(number);
            if (t != null) {
                t.computing = true;
                t.trains = true;
            } else {
                permits.release();
            }
        }
    }

    @Override
    public boolean prune(int number, int epoch, double score) {
        RungTrial t;
        synchronized (this) {
            t = trials.get(number);
            if (t == null) {
                return false;
            }
            t.curve.put(epoch, Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY);
            FidelitySchedule schedule = t.bracket.schedule();
            int rung = schedule.rungAt(epoch);
            if (rung < 0 || rung == schedule.lastRung()) {
                return false;
            }
            t.scores.put(rung, Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY);
            releasePermit(t);
            decide(t.bracket, rung);
            while (!t.bracket.decided(rung) && !aborted) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    aborted = true;
                }
            }
            boolean promoted = t.bracket.decided(rung) && !aborted && t.bracket.promotedTo(t, rung + 1);
            if (!promoted) {
                t.ended = true;
                return true;
            }
        }
        if (t.trains) {
            permits.acquireUninterruptibly();
            synchronized (this) {
                t.computing = true;
            }
        }
        return false;
    }

    @Override
    public void completed(int number) {
        ended(number);
    }

    @Override
    public synchronized void ended(int number) {
        RungTrial t = trials.get(number);
        if (t == null || t.ended && !t.computing) {
            return;
        }
        t.ended = true;
        releasePermit(t);
        for (int rung = 0; rung < t.bracket.rungCount() - 1; rung++) {
            if (t.bracket.promotedTo(t, rung) && !t.scores.containsKey(rung)) {
                // a trial that failed before the rung counts as ranked there, last
                t.scores.put(rung, Double.NEGATIVE_INFINITY);
                decide(t.bracket, rung);
            }
        }
    }

    /** Ends every wait, each waiting trial as pruned: the search is stopping (its trial log failed). */
    @Override
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    private void releasePermit(RungTrial t) {
        if (t.computing) {
            t.computing = false;
            permits.release();
        }
    }

    private void decide(BracketProgress bracket, int rung) {
        if (bracket.decideIfReady(rung)) {
            notifyAll();
        }
    }

    /** One line per bracket, for reports. */
    public String describe() {
        List<String> parts = brackets.stream().map(HalvingBracket::describe).toList();
        return String.format(Locale.ROOT, "%s; %d epochs planned%s", String.join("; then ", parts), plannedEpochs(),
                ranking == RungRanking.BY_RUNG_SCORE ? "" : "; rungs ranked by " + ranking.describe());
    }
}
