package org.tstar.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Synchronous successive halving over the temperature, as a pruner: each bracket's trials train to the first rung
 * and wait there; once every one of them has its score, the best 1/η go on training from where they stopped (no
 * retraining) to the next rung, the others end pruned with the epochs they used; the last rung is the full recipe,
 * reached by one trial, which is the search's pick. Brackets run one after another (Hyperband's are several; plain
 * and seeded successive halving have one). Where a bracket's temperatures come from is its {@link Start}.
 *
 * <p>Waiting trials hold a runner thread but not a compute permit: at most {@code parallelism} trials train at a
 * time, whatever number wait at a rung. A trial's result does not depend on when it waits, so the picks are the
 * same at any parallelism. The plan's cost is fixed before the first trial: failures only lower it.
 */
public final class SuccessiveHalving implements Pruner {

    /** Where a bracket's temperatures come from: a first wave, then optionally a second placed after its scores. */
    public interface Start {
        /** The first wave's {@code n} temperatures, in the order they are proposed. */
        List<Double> firstWave(int n);

        /**
         * Up to {@code n} more temperatures chosen from the first wave's first-rung scores ({@code scored}: each
         * {temperature, score}, larger better, NaN for a trial that failed).
         */
        List<Double> secondWave(List<double[]> scored, int n);

        /** One line for reports. */
        String describe();
    }

    /** A bracket: its plan and where its temperatures come from. */
    public record Bracket(FidelitySchedule schedule, Start start) {
    }

    private final List<Bracket> brackets;
    private final Semaphore permits;
    private final Map<Integer, Trial> trials = new HashMap<>();
    private final List<BracketState> states = new ArrayList<>();
    private boolean aborted;

    private static final class Trial {
        final int number;
        final double temperature;
        final BracketState bracket;
        final Map<Integer, Double> scores = new HashMap<>();
        boolean ended;
        /** Holds a compute permit now. */
        boolean computing;
        /** Trains (a replayed trial only reports its recorded curve, so it never takes a permit). */
        boolean trains;

        Trial(int number, double temperature, BracketState bracket) {
            this.number = number;
            this.temperature = temperature;
            this.bracket = bracket;
        }
    }

    private static final class BracketState {
        final Bracket bracket;
        final Deque<Double> toPropose = new ArrayDeque<>();
        final List<List<Trial>> members = new ArrayList<>();
        final Set<Integer> decided = new HashSet<>();
        boolean firstWaveQueued;
        boolean secondWaveQueued;
        int proposed;

        BracketState(Bracket bracket) {
            this.bracket = bracket;
            for (int k = 0; k < bracket.schedule().rungs().size(); k++) {
                members.add(new ArrayList<>());
            }
        }

        FidelitySchedule schedule() {
            return bracket.schedule();
        }
    }

    /** @param parallelism trials that train at the same time */
    public SuccessiveHalving(List<Bracket> brackets, int parallelism) {
        if (brackets.isEmpty() || parallelism < 1) {
            throw new IllegalArgumentException("at least one bracket and parallelism ≥ 1");
        }
        this.brackets = List.copyOf(brackets);
        this.permits = new Semaphore(parallelism, true);
        for (Bracket b : brackets) {
            states.add(new BracketState(b));
        }
    }

    public List<Bracket> brackets() {
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
    synchronized OptionalDouble next() {
        for (BracketState s : states) {
            if (!s.firstWaveQueued) {
                s.firstWaveQueued = true;
                List<Double> first = s.bracket.start().firstWave(s.schedule().firstWave());
                s.toPropose.addAll(first);
                // a start that gives fewer temperatures shrinks the bracket's first rung, never the later ones
                if (s.schedule().secondWave() == 0) {
                    s.secondWaveQueued = true;
                }
            }
            if (!s.toPropose.isEmpty()) {
                return OptionalDouble.of(s.toPropose.peekFirst());
            }
            if (!s.secondWaveQueued) {
                return OptionalDouble.empty();
            }
            // this bracket has proposed everything: the next one may start while its trials train
        }
        return OptionalDouble.empty();
    }

    /** The temperature {@link #next()} gave is proposed as trial {@code number}. */
    synchronized double propose(int number) {
        for (BracketState s : states) {
            if (!s.toPropose.isEmpty()) {
                double t = s.toPropose.removeFirst();
                Trial trial = new Trial(number, t, s);
                trials.put(number, trial);
                s.members.get(0).add(trial);
                s.proposed++;
                return t;
            }
            if (!s.secondWaveQueued) {
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
            Trial t = trials.get(number);
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
        Trial t;
        synchronized (this) {
            t = trials.get(number);
            if (t == null) {
                return false;
            }
            FidelitySchedule schedule = t.bracket.schedule();
            int rung = schedule.rungAt(epoch);
            if (rung < 0 || rung == schedule.lastRung()) {
                return false;
            }
            t.scores.put(rung, Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY);
            releasePermit(t);
            decideIfReady(t.bracket, rung);
            while (!t.bracket.decided.contains(rung) && !aborted) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    aborted = true;
                }
            }
            boolean promoted = t.bracket.decided.contains(rung) && !aborted
                    && t.bracket.members.get(rung + 1).contains(t);
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
        Trial t = trials.get(number);
        if (t == null || t.ended && !t.computing) {
            return;
        }
        t.ended = true;
        releasePermit(t);
        for (int rung = 0; rung < t.bracket.members.size() - 1; rung++) {
            if (t.bracket.members.get(rung).contains(t) && !t.scores.containsKey(rung)) {
                // a trial that failed before the rung counts as ranked there, last
                t.scores.put(rung, Double.NEGATIVE_INFINITY);
                decideIfReady(t.bracket, rung);
            }
        }
    }

    /** Ends every wait, each waiting trial as pruned: the search is stopping (its trial log failed). */
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    private void releasePermit(Trial t) {
        if (t.computing) {
            t.computing = false;
            permits.release();
        }
    }

    private void decideIfReady(BracketState s, int rung) {
        if (s.decided.contains(rung) || rung == 0 && !s.toPropose.isEmpty()) {
            // the first rung is ranked only once every temperature of the bracket has been proposed
            return;
        }
        List<Trial> members = s.members.get(rung);
        boolean allScored = members.stream().allMatch(m -> m.scores.containsKey(rung));
        if (!allScored) {
            return;
        }
        if (rung == 0 && !s.secondWaveQueued) {
            // the first wave is ranked: place the second around it before ranking the whole rung
            s.secondWaveQueued = true;
            List<double[]> scored = members.stream().map(m -> new double[]{m.temperature, m.scores.get(0)}).toList();
            Set<Double> tried = members.stream().map(m -> m.temperature).collect(Collectors.toSet());
            for (double t : s.bracket.start().secondWave(scored, s.schedule().secondWave())) {
                if (tried.add(t)) {
                    s.toPropose.addLast(t);
                }
            }
            if (!s.toPropose.isEmpty()) {
                return;
            }
        }
        List<Trial> ranked = members.stream().filter(m -> m.scores.get(rung) > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.<Trial>comparingDouble(m -> -m.scores.get(rung)).thenComparingInt(m -> m.number))
                .toList();
        int keep = s.schedule().populations().get(rung + 1);
        s.members.get(rung + 1).addAll(ranked.subList(0, Math.min(keep, ranked.size())));
        s.decided.add(rung);
        notifyAll();
        if (s.members.get(rung + 1).isEmpty()) {
            // every trial failed: later rungs have nobody to wait for
            for (int k = rung + 1; k < s.members.size(); k++) {
                s.decided.add(k);
            }
        }
    }

    /**
     * The analytical bracket: {@code n} log-spaced temperatures around T̂* spanning T̂* ÷ {@code span} to T̂* × span
     * (moved inside [{@code min}, {@code max}] when they would cross it), proposed nearest T̂* first; the second wave
     * halves the spacing on both sides of the first wave's leader, or steps on beyond an edge the leader sits at,
     * so an estimate that is far off is caught by the cheap first rung instead of by full trials.
     */
    public static Start seeded(double seed, double span, double min, double max) {
        if (!(seed > 0) || !(span > 1) || !(min > 0) || !(max > min)) {
            throw new IllegalArgumentException("seed > 0, span > 1, 0 < min < max");
        }
        return new Start() {
            private double step;

            @Override
            public List<Double> firstWave(int n) {
                double lo = Math.log(min);
                double hi = Math.log(max);
                step = n > 1 ? Math.min(2 * Math.log(span), hi - lo) / (n - 1) : 0;
                double half = step * (n - 1) / 2;
                double centre = Math.min(hi - half, Math.max(lo + half, Math.log(Math.min(max, Math.max(min, seed)))));
                List<double[]> offsets = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double offset = (i - (n - 1) / 2.0) * step;
                    offsets.add(new double[]{offset, centre + offset});
                }
                offsets.sort(Comparator.<double[]>comparingDouble(o -> Math.abs(o[0])).thenComparingDouble(o -> o[0]));
                return offsets.stream().map(o -> clip(Math.exp(o[1]))).distinct().toList();
            }

            @Override
            public List<Double> secondWave(List<double[]> scored, int n) {
                double[] leader = null;
                double lowest = Double.POSITIVE_INFINITY;
                double highest = 0;
                for (double[] s : scored) {
                    lowest = Math.min(lowest, s[0]);
                    highest = Math.max(highest, s[0]);
                    if (Double.isFinite(s[1]) && (leader == null || s[1] > leader[1] || s[1] == leader[1]
                            && Math.abs(Math.log(s[0] / seed)) < Math.abs(Math.log(leader[0] / seed)))) {
                        leader = s;
                    }
                }
                if (leader == null || n == 0 || step == 0) {
                    return List.of();
                }
                List<Double> out = new ArrayList<>();
                double x = Math.log(leader[0]);
                if (leader[0] == lowest || leader[0] == highest) {
                    double direction = leader[0] == lowest ? -1 : 1;
                    for (int j = 1; j <= n; j++) {
                        out.add(clip(Math.exp(x + direction * j * step)));
                    }
                } else {
                    for (int j = 0; out.size() < n; j++) {
                        double offset = step / Math.pow(2, 1 + j / 2);
                        out.add(clip(Math.exp(x + (j % 2 == 0 ? -offset : offset))));
                    }
                }
                double led = leader[0];
                return out.stream().filter(t -> t != led).distinct().toList();
            }

            private double clip(double t) {
                return Math.min(max, Math.max(min, t));
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "seeded at T̂* = %.4g, ×/÷ %.3g, second wave around the leader", seed, span);
            }
        };
    }

    /** Temperatures drawn log-uniformly from [{@code min}, {@code max}] with {@code seed}, no second wave: no prior. */
    public static Start logUniform(double min, double max, long seed) {
        return new Start() {
            @Override
            public List<Double> firstWave(int n) {
                java.util.Random random = new java.util.Random(seed);
                List<Double> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
                }
                return out.stream().distinct().toList();
            }

            @Override
            public List<Double> secondWave(List<double[]> scored, int n) {
                return List.of();
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "log-uniform in [%s, %s], seed %d", min, max, seed);
            }
        };
    }

    /**
     * One bracket on the recipe's rung ladder, the largest that {@code budgetEpochs} affords, with a second wave of
     * two when {@code start} places one.
     *
     * @throws IllegalArgumentException naming the budget when not even two temperatures at the first rung fit
     */
    public static SuccessiveHalving bracket(List<Integer> rungs, double eta, double budgetEpochs, Start start,
                                            boolean secondWave, int parallelism) {
        FidelitySchedule plan = rungs.size() < 2 ? null
                : FidelitySchedule.largestWithin(rungs, eta, budgetEpochs, secondWave ? 2 : 0);
        if (plan == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a budget of %.4g epochs affords no successive-halving bracket on rungs %s (two temperatures at the "
                            + "first rung and one trained to the full recipe need %d)", budgetEpochs, rungs,
                    rungs.size() < 2 ? 2 * rungs.get(0) : 2 * rungs.get(0) + rungs.get(rungs.size() - 1) - rungs.get(0)));
        }
        return new SuccessiveHalving(List.of(new Bracket(plan, start)), parallelism);
    }

    /**
     * Hyperband (Li et al., 2018) within {@code budgetEpochs}: brackets from the most aggressive (every rung) to a
     * plain full-trial one, bracket s starting n = ⌈(s_max + 1)/(s + 1) · η^s⌉ log-uniform temperatures at the
     * rung s from the top; a bracket that does not fit the budget left is skipped, and if none fits whole the
     * first is shrunk to the budget. Each bracket draws its temperatures with its own seed.
     */
    public static SuccessiveHalving hyperband(List<Integer> rungs, double eta, double budgetEpochs, double min,
                                              double max, long seed, int parallelism) {
        int sMax = rungs.size() - 1;
        List<Bracket> brackets = new ArrayList<>();
        double left = budgetEpochs;
        for (int s = sMax; s >= 0; s--) {
            List<Integer> own = rungs.subList(sMax - s, rungs.size());
            int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(eta, s) - 1e-9);
            FidelitySchedule plan = new FidelitySchedule(own, FidelitySchedule.populations(own.size(), n, eta), 0);
            if (plan.cost() <= left + 1e-9) {
                brackets.add(new Bracket(plan, logUniform(min, max, seed + brackets.size())));
                left -= plan.cost();
            }
        }
        if (brackets.isEmpty()) {
            return bracket(rungs, eta, budgetEpochs, logUniform(min, max, seed), false, parallelism);
        }
        return new SuccessiveHalving(brackets, parallelism);
    }


    /** One line per bracket, for reports. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Bracket b : brackets) {
            parts.add(b.start().describe() + ": " + b.schedule().describe());
        }
        return String.format(Locale.ROOT, "%s; %d epochs planned", String.join("; then ", parts), plannedEpochs());
    }
}
