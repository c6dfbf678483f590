package org.tstar.search.config;

import java.nio.file.Path;
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

    public static SearchSpaceDefinition load(Path file) {
        return SpaceFileReader.load(file);
    }

    public static SearchSpaceDefinition parse(String text, String file) {
        return SpaceFileReader.parse(text, file);
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
