package org.tstar.search.config;

import org.tstar.data.TaskData;
import org.tstar.model.HeadSpec;
import org.tstar.model.TrainingRecipe;
import org.tstar.robustness.RobustnessSettings;

/**
 * What every trial of a space trains and measures, whatever the strategy: the data, the head, the recipe and the
 * robustness measures (with adversarial training, when asked).
 */
public record TaskSettings(TaskData data, HeadSpec head, TrainingRecipe recipe, RobustnessSettings robustness) {

    public TaskSettings withRobustness(RobustnessSettings other) {
        return new TaskSettings(data, head, recipe, other);
    }
}
