package org.tstar.search.arbiter;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.search.space.TemperatureSpace;

/**
 * Arbiter's full grid over a temperature space: {@code points} log-spaced temperatures, both bounds included, in
 * order (sequential, since Arbiter's random order cannot be seeded and the reference must be reproducible).
 */
public final class LogGridSearch extends GridSearchCandidateGenerator implements TemperatureGenerator {
    private final int points;

    @JsonCreator
    public LogGridSearch(@JsonProperty("parameterSpace") TemperatureSpace space,
                         @JsonProperty("discretizationCount") int points) {
        super(space, points, Mode.Sequential, (Map<String, Object>) null);
        this.points = points;
    }

    @Override
    public String describe() {
        TemperatureSpace t = (TemperatureSpace) parameterSpace;
        return "Arbiter grid: " + points + " log-spaced temperatures in [" + t.min() + ", " + t.max()
                + "], sequential order";
    }
}
