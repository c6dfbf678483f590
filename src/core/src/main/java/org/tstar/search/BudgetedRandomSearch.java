package org.tstar.search;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Arbiter's random search with a trial budget: it stops proposing after {@code budget} candidates, so a run
 * ends exactly at the budget even with concurrent tasks (a count-based termination condition lets the
 * candidates already queued run past it). Seed it through the configuration's {@code rngSeed}.
 */
public final class BudgetedRandomSearch extends RandomSearchGenerator {
    @JsonProperty("budget")
    private final int budget;

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
