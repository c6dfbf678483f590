package org.tstar.search.arbiter;

import java.util.OptionalDouble;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.tstar.search.fidelity.SuccessiveHalvingPruner;
import org.tstar.search.space.TemperatureSpace;

/**
 * The Arbiter {@code CandidateGenerator} of a {@link SuccessiveHalvingPruner} over a {@link TemperatureSpace}: it
 * proposes each bracket's temperatures as the schedule releases them; how long each trains is the schedule's
 * decision as a pruner, so run it with that pruner. Candidate {@code i} is the schedule's trial {@code i + 1}.
 */
@JsonIgnoreProperties({"rng", "candidateCounter", "schedule"})
public final class SuccessiveHalvingGenerator extends BaseCandidateGenerator implements TemperatureGenerator {
    private final transient SuccessiveHalvingPruner schedule;
    private final String settings;

    /** @param settings the settings the schedule was planned from, in words, for {@link #describe()} */
    public SuccessiveHalvingGenerator(TemperatureSpace space, SuccessiveHalvingPruner schedule, String settings) {
        super(space, null, false);
        initialize();
        this.schedule = schedule;
        this.settings = settings;
    }

    public SuccessiveHalvingPruner schedule() {
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
        return TemperatureCandidate.of(t, t, new double[1], temperature, index, dataParameters);
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
    public String describe() {
        return "successive halving (" + settings + "): " + schedule.describe();
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingGenerator(" + schedule.describe() + ")";
    }
}
