package org.tstar.search.fidelity;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** One trial of a successive-halving bracket: its scores at the rungs it reached and whether it holds compute now. */
final class RungTrial {
    final int number;
    final double temperature;
    final BracketProgress bracket;
    /** Score at each rung reached (larger better; −∞ for a trial that failed before it). */
    final Map<Integer, Double> scores = new HashMap<>();
    /** Its score after every epoch so far (larger better), the curve a ranking may extrapolate. */
    final TreeMap<Integer, Double> curve = new TreeMap<>();
    boolean ended;
    /** Holds a compute permit now. */
    boolean computing;
    /** Trains (a replayed trial only reports its recorded curve, so it never takes a permit). */
    boolean trains;

    RungTrial(int number, double temperature, BracketProgress bracket) {
        this.number = number;
        this.temperature = temperature;
        this.bracket = bracket;
    }
}
