package org.tstar.search.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.tstar.data.TaskData;
import org.tstar.model.HeadSpec;
import org.tstar.model.TrainingRecipe;
import org.tstar.robustness.RobustnessSettings;
import org.tstar.search.trial.Score;

/**
 * A temperature search space as a user writes it in {@code search-spaces/*.yaml} (tstar's own schema, DESIGN §4, no
 * class names), read by {@link SpaceFileReader}: its name, what each trial trains ({@link TaskSettings}), how the
 * temperature is searched ({@link SearchSettings}) and how trials run ({@link ExecutionSettings}). The accessors
 * below each group's read through to it.
 */
public record SearchSpaceDefinition(String name, TaskSettings task, SearchSettings search, ExecutionSettings execution) {

    /** The space file's top-level keys, in the order a file lists them, and what each holds here. */
    static final Map<String, Function<SearchSpaceDefinition, Object>> KEYS = keys();

    private static Map<String, Function<SearchSpaceDefinition, Object>> keys() {
        Map<String, Function<SearchSpaceDefinition, Object>> keys = new LinkedHashMap<>();
        keys.put("name", SearchSpaceDefinition::name);
        keys.put("data", SearchSpaceDefinition::data);
        keys.put("model", SearchSpaceDefinition::head);
        keys.put("training", SearchSpaceDefinition::recipe);
        keys.put("temperature", SearchSpaceDefinition::temperature);
        keys.put("analytical", SearchSpaceDefinition::analytical);
        keys.put("random", SearchSpaceDefinition::random);
        keys.put("score", SearchSpaceDefinition::score);
        keys.put("parallelism", SearchSpaceDefinition::parallelism);
        keys.put("robustness", SearchSpaceDefinition::robustness);
        keys.put("pruning", SearchSpaceDefinition::pruning);
        keys.put("learningCurves", s -> s.execution().learningCurves());
        keys.put("successiveHalving", SearchSpaceDefinition::successiveHalving);
        keys.put("spark", SearchSpaceDefinition::spark);
        return Collections.unmodifiableMap(keys);
    }

    /** The top-level keys of the space file whose values differ between this space and {@code other}. */
    public List<String> keysDifferingFrom(SearchSpaceDefinition other) {
        return KEYS.entrySet().stream().filter(k -> !Objects.equals(k.getValue().apply(this), k.getValue().apply(other)))
                .map(Map.Entry::getKey).toList();
    }

    /** This space with another random-search budget and seed. */
    public SearchSpaceDefinition withRandom(RandomSettings other) {
        return new SearchSpaceDefinition(name, task, search.withRandom(other), execution);
    }

    /** This space with other robustness measures (and adversarial training, or none). */
    public SearchSpaceDefinition withRobustness(RobustnessSettings other) {
        return new SearchSpaceDefinition(name, task.withRobustness(other), search, execution);
    }

    /** This space with another pruning rule. */
    public SearchSpaceDefinition withPruning(PruningSettings other) {
        return new SearchSpaceDefinition(name, task, search.withPruning(other), execution);
    }

    /** This space recording learning curves (or not, unless its pruning needs them). */
    public SearchSpaceDefinition withLearningCurves(boolean on) {
        return new SearchSpaceDefinition(name, task, search, execution.withLearningCurves(on));
    }

    /** This space with other successive-halving settings. */
    public SearchSpaceDefinition withSuccessiveHalving(SuccessiveHalvingSettings other) {
        return new SearchSpaceDefinition(name, task, search.withSuccessiveHalving(other), execution);
    }

    /**
     * Whether trials evaluate the validation part after every epoch: asked for with {@code learningCurves: true},
     * and always when a pruning rule needs the curve. Off by default, since the evaluations cost about a tenth of a
     * small head's training.
     */
    public boolean recordsCurves() {
        return execution.learningCurves() || search.pruning().prunes();
    }

    public TaskData data() {
        return task.data();
    }

    public HeadSpec head() {
        return task.head();
    }

    public TrainingRecipe recipe() {
        return task.recipe();
    }

    public RobustnessSettings robustness() {
        return task.robustness();
    }

    public TemperatureRange temperature() {
        return search.temperature();
    }

    public Score score() {
        return search.score();
    }

    public AnalyticalSettings analytical() {
        return search.analytical();
    }

    public RandomSettings random() {
        return search.random();
    }

    public SuccessiveHalvingSettings successiveHalving() {
        return search.successiveHalving();
    }

    public PruningSettings pruning() {
        return search.pruning();
    }

    public int parallelism() {
        return execution.parallelism();
    }

    public SparkSettings spark() {
        return execution.spark();
    }
}
