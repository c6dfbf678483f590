package org.tstar.search.arbiter;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.search.trial.Score;

/**
 * Tells Arbiter's runner which way a tstar trial's score points (accuracy up, loss down). The score itself is
 * computed by {@link TrialTaskCreator} on the validation part while the model is still in memory, so the two
 * {@code score(model, data…)} entry points, which Arbiter's own task creators call, refuse to be used.
 */
public final class ValidationScoreFunction implements ScoreFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("score")
    private final Score score;

    @JsonCreator
    public ValidationScoreFunction(@JsonProperty("score") Score score) {
        this.score = score;
    }

    public Score score() {
        return score;
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("ValidationScoreFunction is scored by tstar's TrialTaskCreator; "
                + "with Arbiter's task creators use one of Arbiter's score functions");
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        return score(model, (DataProvider) null, null);
    }

    @Override
    public boolean minimize() {
        return score.minimize();
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(Double.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationScoreFunction other && score == other.score;
    }

    @Override
    public int hashCode() {
        return score.hashCode();
    }

    @Override
    public String toString() {
        return "ValidationScoreFunction(" + score.label() + ")";
    }
}
