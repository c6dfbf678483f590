package org.tstar.search.trial;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tstar.model.TrialResult;

/**
 * The finished trials of an interrupted run, handed back when the resumed search proposes the same temperature
 * again, so no finished trial is trained twice. Sound because a trial is deterministic per (space, seed, T) and
 * so are the generators: a resumed search proposes what the interrupted one did, in the same order.
 */
public final class RecordedTrials {
    private final Map<Strategy, Map<Double, Deque<Replay>>> byStrategy = new EnumMap<>(Strategy.class);
    private int remaining;

    private RecordedTrials() {
    }

    public static RecordedTrials none() {
        return new RecordedTrials();
    }

    /** A recorded trial's result and its learning curve (empty when the run kept none). */
    public record Replay(TrialResult result, List<CurvePoint> curve) {
    }

    public static RecordedTrials of(List<TrialRecord> records) {
        return of(records, Map.of());
    }

    /** @param curves learning curves by {@link #key}, as curves.csv holds them */
    public static RecordedTrials of(List<TrialRecord> records, Map<String, List<CurvePoint>> curves) {
        RecordedTrials recorded = new RecordedTrials();
        for (TrialRecord r : records) {
            recorded.byStrategy.computeIfAbsent(r.strategy(), s -> new HashMap<>())
                    .computeIfAbsent(r.result().temperature(), t -> new ArrayDeque<>())
                    .add(new Replay(r.result(), curves.getOrDefault(key(r.strategy(), r.trial()), List.of())));
            recorded.remaining++;
        }
        return recorded;
    }

    /** How a trial's curve is found: strategy and trial number. */
    public static String key(Strategy strategy, int trial) {
        return strategy.label() + "#" + trial;
    }

    /** The recorded result of {@code strategy} at exactly this temperature, once; empty if there is none. */
    public synchronized Optional<Replay> take(Strategy strategy, double temperature) {
        Deque<Replay> results = byStrategy.getOrDefault(strategy, Map.of()).get(temperature);
        if (results == null || results.isEmpty()) {
            return Optional.empty();
        }
        remaining--;
        return Optional.of(results.poll());
    }

    /** Recorded trials no search has asked for (after a resumed run, a sign its space or code changed). */
    public synchronized int remaining() {
        return remaining;
    }
}
