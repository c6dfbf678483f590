package org.tstar.search.fidelity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one successive-halving bracket stands: the temperatures it has yet to propose, the trials at each rung,
 * which rungs are decided, and whether its second wave is placed. Not thread-safe: its pruner guards it.
 */
final class BracketProgress {
    private final HalvingBracket bracket;
    private final RungRanking ranking;
    private final Deque<Double> toPropose = new ArrayDeque<>();
    private final List<List<RungTrial>> members = new ArrayList<>();
    private final Set<Integer> decided = new HashSet<>();
    private boolean firstWaveQueued;
    private boolean secondWaveQueued;

    BracketProgress(HalvingBracket bracket, RungRanking ranking) {
        this.bracket = bracket;
        this.ranking = ranking;
        for (int k = 0; k < bracket.schedule().rungs().size(); k++) {
            members.add(new ArrayList<>());
        }
    }

    FidelitySchedule schedule() {
        return bracket.schedule();
    }

    /** The next temperature to propose now, if any; the first call queues the first wave. */
    OptionalDouble next() {
        if (!firstWaveQueued) {
            firstWaveQueued = true;
            toPropose.addAll(bracket.start().firstWave(schedule().firstWave()));
            // a start that gives fewer temperatures shrinks the bracket's first rung, never the later ones
            if (schedule().secondWave() == 0) {
                secondWaveQueued = true;
            }
        }
        return toPropose.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(toPropose.peekFirst());
    }

    /** True while its second wave waits for the first wave's scores: later brackets wait with it. */
    boolean awaitsSecondWave() {
        return !secondWaveQueued;
    }

    boolean hasQueued() {
        return !toPropose.isEmpty();
    }

    /** The queued temperature {@link #next()} gave, proposed as trial {@code number}. */
    RungTrial propose(int number) {
        RungTrial trial = new RungTrial(number, toPropose.removeFirst(), this);
        members.get(0).add(trial);
        return trial;
    }

    boolean decided(int rung) {
        return decided.contains(rung);
    }

    boolean promotedTo(RungTrial trial, int rung) {
        return members.get(rung).contains(trial);
    }

    int rungCount() {
        return members.size();
    }

    /**
     * Ranks {@code rung} once every trial there has its score (the first rung also waits for every proposal and places
     * the second wave first); true when it was decided now, so waiting trials must look again.
     */
    boolean decideIfReady(int rung) {
        if (decided.contains(rung) || rung == 0 && !toPropose.isEmpty()) {
            // the first rung is ranked only once every temperature of the bracket has been proposed
            return false;
        }
        List<RungTrial> atRung = members.get(rung);
        if (!atRung.stream().allMatch(m -> m.scores.containsKey(rung))) {
            return false;
        }
        if (rung == 0 && !secondWaveQueued) {
            // the first wave is ranked: place the second around it before ranking the whole rung
            secondWaveQueued = true;
            List<double[]> scored = atRung.stream().map(m -> new double[]{m.temperature, m.scores.get(0)}).toList();
            Set<Double> tried = atRung.stream().map(m -> m.temperature).collect(Collectors.toSet());
            for (double t : bracket.start().secondWave(scored, schedule().secondWave())) {
                if (tried.add(t)) {
                    toPropose.addLast(t);
                }
            }
            if (!toPropose.isEmpty()) {
                return false;
            }
        }
        members.get(rung + 1).addAll(promoted(atRung, rung, schedule().populations().get(rung + 1)));
        decided.add(rung);
        if (members.get(rung + 1).isEmpty()) {
            // every trial failed: later rungs have nobody to wait for
            for (int k = rung + 1; k < members.size(); k++) {
                decided.add(k);
            }
        }
        return true;
    }

    /** The {@code keep} members of the rung that rank highest, ties to the earlier trial; a failed one never goes on. */
    private List<RungTrial> promoted(List<RungTrial> atRung, int rung, int keep) {
        int epoch = schedule().rungs().get(rung);
        int finalEpoch = schedule().rungs().get(schedule().lastRung());
        List<RungTrial> ranked = atRung.stream().filter(m -> m.scores.get(rung) > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.<RungTrial>comparingDouble(m -> -ranking.rank(m.curve, epoch, finalEpoch))
                        .thenComparingInt(m -> m.number))
                .toList();
        return ranked.subList(0, Math.min(keep, ranked.size()));
    }
}
