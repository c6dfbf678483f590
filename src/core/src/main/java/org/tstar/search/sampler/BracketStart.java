package org.tstar.search.sampler;

import java.util.List;

/**
 * Where a successive-halving bracket's temperatures come from: a first wave, then optionally a second placed after
 * the first wave's first-rung scores. It proposes temperatures only; which of them train on is the bracket's pruner's
 * decision.
 */
public interface BracketStart {
    /** The first wave's {@code n} temperatures, in the order they are proposed (fewer when some coincide). */
    List<Double> firstWave(int n);

    /**
     * Up to {@code n} more temperatures chosen from the first wave's first-rung scores ({@code scored}: each
     * {temperature, score}, larger better, NaN or −∞ for a trial that failed).
     */
    List<Double> secondWave(List<double[]> scored, int n);

    /** True when {@link #secondWave} can place temperatures (a plan then holds some of its first rung back for them). */
    boolean placesSecondWave();

    /** One line for reports. */
    String describe();
}
