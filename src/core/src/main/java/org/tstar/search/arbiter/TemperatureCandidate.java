package org.tstar.search.arbiter;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.tstar.search.space.TemperatureSpace;

/**
 * How a tstar generator hands Arbiter a temperature: the flat vector holds its coordinate on the temperature leaf
 * (and the held coordinates of every other leaf); the value is the temperature itself on a bare temperature space,
 * else the user's space evaluated at the flat vector (a network configuration, say). A space that cannot be
 * evaluated there gives a candidate that carries the exception.
 */
final class TemperatureCandidate {
    private TemperatureCandidate() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Candidate of(ParameterSpace<?> space, TemperatureSpace leaf, double[] held, double temperature, int index,
                        Map<String, Object> dataParameters) {
        double[] flat = held.clone();
        flat[leaf.index()] = leaf.coordinate(temperature);
        if (space == leaf) {
            return new Candidate(temperature, index, flat, dataParameters, null);
        }
        try {
            return new Candidate(space.getValue(flat), index, flat, dataParameters, null);
        } catch (Exception e) {
            return new Candidate(null, index, flat, dataParameters, e);
        }
    }
}
