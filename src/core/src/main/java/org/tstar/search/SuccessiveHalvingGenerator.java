package org.tstar.search;

import java.util.OptionalDouble;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;

/**
 * The Arbiter {@code CandidateGenerator} of a {@link SuccessiveHalving} search over a {@link TemperatureSpace}: it
 * proposes each bracket's temperatures as the schedule releases them; how long each trains is the schedule's
 * pruner's decision, so run it with that pruner. Candidate {@code i} is the schedule's trial {@code i + 1}.
 */
@JsonIgnoreProperties({"rng", "candidateCounter", "schedule"})
public final class SuccessiveHalvingGenerator extends BaseCandidateGenerator {
    private final transient SuccessiveHalving schedule;

    public SuccessiveHalvingGenerator(TemperatureSpace space, SuccessiveHalving schedule) {
        super(space, null, false);
        initialize();
        this.schedule = schedule;
    }

    public SuccessiveHalving schedule() {
        return schedule;
    }

    @Override
    public boolean hasMoreCandidates() {
        return schedule.next().isPresent();
    }

    @Override
    public synchronized Candidate getCandidate() {
        OptionalDouble next = schedule.next();
        if (next.isEmpty()) {
            throw new IllegalStateException("no candidate to propose now: check hasMoreCandidates() first");
        }
        int index = candidateCounter.getAndIncrement();
        double temperature = schedule.propose(index + 1);
        TemperatureSpace t = (TemperatureSpace) parameterSpace;
        double[] flat = new double[1];
        flat[0] = t.coordinate(temperature);
        // the value is the temperature itself, not the round trip through the coordinate
        return new Candidate(temperature, index, flat, dataParameters, null);
    }

    @Override
    public void reportResults(OptimizationResult result) {
        // the schedule hears every score through its pruner, at the rung where it was made
    }

    @Override
    public Class<?> getCandidateType() {
        return Double.class;
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingGenerator(" + schedule.describe() + ")";
    }
}
