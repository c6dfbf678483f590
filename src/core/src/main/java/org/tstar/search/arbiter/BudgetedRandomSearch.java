package org.tstar.search.arbiter;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.search.space.TemperatureSpace;

/**
 * Arbiter's random search with a trial budget: it stops proposing after {@code budget} candidates, so a run
 * ends exactly at the budget even with concurrent tasks (a count-based termination condition lets the
 * candidates already queued run past it). Seed it through the configuration's {@code rngSeed}, or
 * {@link #seeded}.
 */
public final class BudgetedRandomSearch extends RandomSearchGenerator implements TemperatureGenerator {
    @JsonProperty("budget")
    private final int budget;
    /** The seed last given, for {@link #describe()}; Arbiter keeps only the generator it seeds. Not configuration. */
    @JsonIgnore
    private Long seed;

    @JsonCreator
    public BudgetedRandomSearch(@JsonProperty("parameterSpace") ParameterSpace<?> parameterSpace,
                                @JsonProperty("dataParameters") Map<String, Object> dataParameters,
                                @JsonProperty("initDone") boolean initDone, @JsonProperty("budget") int budget) {
        super(parameterSpace, dataParameters, initDone);
        if (budget < 1) {
            throw new IllegalArgumentException("random search budget must be ≥ 1, got " + budget);
        }
        this.budget = budget;
    }

    public BudgetedRandomSearch(ParameterSpace<?> parameterSpace, int budget) {
        this(parameterSpace, null, false, budget);
    }

    /** A budgeted search over a temperature space, seeded. */
    public static BudgetedRandomSearch seeded(TemperatureSpace space, int budget, long seed) {
        BudgetedRandomSearch random = new BudgetedRandomSearch(space, budget);
        random.setRngSeed(seed);
        return random;
    }

    @Override
    public void setRngSeed(long rngSeed) {
        super.setRngSeed(rngSeed);
        this.seed = rngSeed;
    }

    @Override
    public String describe() {
        String from = parameterSpace instanceof TemperatureSpace t
                ? " log-uniform temperatures in [" + t.min() + ", " + t.max() + "]" : " candidates from " + parameterSpace;
        return "Arbiter random search: " + budget + from + (seed == null ? ", unseeded" : ", seed " + seed);
    }

    @Override
    public boolean hasMoreCandidates() {
        return candidateCounter.get() < budget;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetedRandomSearch other && budget == other.budget && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + budget;
    }

    @Override
    public String toString() {
        return "BudgetedRandomSearch(budget=" + budget + ")";
    }
}
