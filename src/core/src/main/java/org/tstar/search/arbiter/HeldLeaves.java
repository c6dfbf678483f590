package org.tstar.search.arbiter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.tstar.search.space.TemperatureSpace;

/**
 * The leaves of a user's Arbiter space other than the temperature, and the flat coordinates they are held at while
 * only the temperature is searched (their midpoint 0.5 unless given). It does not search them.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class HeldLeaves {
    private HeldLeaves() {
    }

    /** The space's leaves in the order Arbiter assigns their flat indices. */
    static List<ParameterSpace> unique(ParameterSpace<?> space) {
        return LeafUtils.getUniqueObjects(space.collectLeaves());
    }

    /** The single temperature leaf of the space. */
    static TemperatureSpace temperatureLeaf(ParameterSpace<?> space) {
        List<ParameterSpace> temperatures = unique(space).stream().filter(l -> l instanceof TemperatureSpace).toList();
        if (temperatures.size() != 1) {
            throw new IllegalArgumentException("the space must hold exactly one TemperatureSpace leaf, found "
                    + temperatures.size());
        }
        return (TemperatureSpace) temperatures.get(0);
    }

    /** Every coordinate at 0.5, one per parameter of the space. */
    static double[] midpoints(ParameterSpace<?> space) {
        double[] u = new double[LeafUtils.countUniqueParameters(space.collectLeaves())];
        Arrays.fill(u, 0.5);
        return u;
    }

    /**
     * {@code coordinates} with each leaf of {@code held} at its given coordinates; refused when a leaf is the
     * temperature, not in the space, or given the wrong number of coordinates or one outside [0, 1].
     */
    static double[] holding(ParameterSpace<?> space, double[] coordinates, Map<ParameterSpace<?>, double[]> held) {
        double[] out = coordinates.clone();
        int position = 0;
        Map<ParameterSpace<?>, double[]> remaining = new IdentityHashMap<>(held);
        for (ParameterSpace leaf : unique(space)) {
            double[] u = remaining.remove(leaf);
            if (u != null) {
                if (leaf instanceof TemperatureSpace) {
                    throw new IllegalArgumentException("the temperature leaf is searched, it cannot be held");
                }
                if (u.length != leaf.numParameters()) {
                    throw new IllegalArgumentException(leaf + " has " + leaf.numParameters()
                            + " parameters, " + u.length + " coordinates given");
                }
                for (int i = 0; i < u.length; i++) {
                    if (!(u[i] >= 0 && u[i] <= 1)) {
                        throw new IllegalArgumentException("held coordinate of " + leaf + " must be in [0, 1], got " + u[i]);
                    }
                    out[position + i] = u[i];
                }
            }
            position += leaf.numParameters();
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("not a leaf of the space: " + remaining.keySet());
        }
        return out;
    }

    /** Where each other leaf is held, for reports: "; held: …", or "; no other leaves". */
    static String describe(ParameterSpace<?> space, double[] coordinates) {
        int position = 0;
        List<String> held = new ArrayList<>();
        for (ParameterSpace leaf : unique(space)) {
            int n = leaf.numParameters();
            if (n > 0 && !(leaf instanceof TemperatureSpace)) {
                double[] u = Arrays.copyOfRange(coordinates, position, position + n);
                held.add(leaf + " at u=" + Arrays.toString(u) + " → " + leaf.getValue(coordinates));
            }
            position += n;
        }
        return held.isEmpty() ? "; no other leaves" : "; held: " + String.join("; ", held);
    }
}
