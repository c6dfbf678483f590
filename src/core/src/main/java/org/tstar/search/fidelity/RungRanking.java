package org.tstar.search.fidelity;

import java.util.Comparator;
import java.util.List;

/**
 * Who goes on from a rung: the {@code keep} best scores there, ties to the earlier trial; a trial that failed (−∞)
 * never goes on. It ranks on the rung's score alone, not on the shape of the curve that led there.
 */
final class RungRanking {
    private RungRanking() {
    }

    static List<RungTrial> promoted(List<RungTrial> members, int rung, int keep) {
        List<RungTrial> ranked = members.stream().filter(m -> m.scores.get(rung) > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.<RungTrial>comparingDouble(m -> -m.scores.get(rung)).thenComparingInt(m -> m.number))
                .toList();
        return ranked.subList(0, Math.min(keep, ranked.size()));
    }
}
