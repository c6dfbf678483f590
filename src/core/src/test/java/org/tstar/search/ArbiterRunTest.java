package org.tstar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.junit.jupiter.api.Test;
import org.tstar.model.TrialResult;
import org.tstar.search.arbiter.AnalyticalSeedGenerator;
import org.tstar.search.arbiter.GeneratorExhaustedCondition;
import org.tstar.search.arbiter.TrialTaskCreator;
import org.tstar.search.arbiter.ValidationScoreFunction;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.space.TemperatureSpace;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialRecord;

/**
 * The generators inside Arbiter's own {@link LocalOptimizationRunner}, with tstar's task creator running a known
 * curve instead of training: serialization round trips, the grid's points, failures, parallel tasks.
 */
class ArbiterRunTest {

    @Test
    void gridEvaluatesExactlyItsLogSpacedPointsWithBothBounds() {
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 1");
        SearchOutcome grid = KnownCurves.task(space, 1.5, KnownCurves.trial(KnownCurves.bump(2))).run(Strategy.GRID, r -> { });
        double[] expected = new TemperatureSpace(0.05, 50).logGrid(25);
        assertThat(grid.trials()).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(grid.trials().get(i).result().temperature()).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-9 * expected[i]));
        }
        assertThat(grid.trials().get(0).result().temperature()).isEqualTo(0.05);
        assertThat(grid.trials().get(24).result().temperature()).isEqualTo(50.0);
        assertThat(grid.trials().stream().map(r -> r.result().temperature()).distinct()).hasSize(25);
    }

    @Test
    void analyticalRunEndsWhenTheGeneratorIsDoneAndPicksTheBestTrial() {
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 1");
        List<TrialRecord> seen = Collections.synchronizedList(new ArrayList<>());
        SearchOutcome outcome = KnownCurves.task(space, 1.5, KnownCurves.trial(KnownCurves.bump(6))).run(Strategy.ANALYTICAL, seen::add);
        assertThat(outcome.trials()).hasSizeBetween(3, 8).hasSize(seen.size());
        assertThat(outcome.chosen()).isPresent();
        assertThat(Math.abs(Math.log(outcome.chosen().get().result().temperature() / 6))).isLessThan(Math.log(1.25) + 1e-9);
        assertThat(outcome.wallSeconds()).isLessThan(30);
    }

    @Test
    void failedTrialsReachTheGeneratorThroughTheRunnerAndDoNotStallIt() {
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 1");
        DoubleUnaryOperator curve = KnownCurves.bump(0.4);
        TemperatureTrial diverging = t -> t < 0.3 ? TrialResult.failed(t, "training loss became NaN in epoch 1", 1, 100, 0.001, 1e5)
                : KnownCurves.trial(curve).run(t);
        SearchOutcome outcome = KnownCurves.task(space, 0.6, diverging).run(Strategy.ANALYTICAL, r -> { });
        assertThat(outcome.failedCount()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.trials()).hasSizeLessThanOrEqualTo(8);
        assertThat(outcome.chosen().get().result().temperature()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void parallelismTwoRunsTwoTasksAtOnceAndFinishes() {
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 2");
        TemperatureTrial slow = t -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return KnownCurves.trial(KnownCurves.bump(3)).run(t);
        };
        SearchOutcome outcome = KnownCurves.task(space, 1.5, slow).run(Strategy.ANALYTICAL, r -> { });
        List<TrialRecord> byStart = new ArrayList<>(outcome.trials());
        byStart.sort(java.util.Comparator.comparingDouble(TrialRecord::startedAt));
        boolean overlapped = false;
        for (int i = 1; i < byStart.size(); i++) {
            overlapped |= byStart.get(i).startedAt() < byStart.get(i - 1).endedAt();
        }
        assertThat(overlapped).as("two trials ran at the same time").isTrue();
        assertThat(outcome.trials()).hasSizeLessThanOrEqualTo(8);
        assertThat(Math.abs(Math.log(outcome.chosen().get().result().temperature() / 3))).isLessThan(Math.log(1.25) + 1e-9);
    }

    @Test
    void randomStrategyStopsAtItsBudgetAndRepeatsWithItsSeed() {
        SearchSpaceDefinition space = KnownCurves.space("random: {trials: 5, seed: 7}\nparallelism: 2");
        SearchTask task = KnownCurves.task(space, 1.5, KnownCurves.trial(KnownCurves.bump(3)));
        SearchOutcome first = task.run(Strategy.RANDOM, r -> { });
        SearchOutcome second = task.run(Strategy.RANDOM, r -> { });
        assertThat(first.trials()).hasSize(5);
        assertThat(first.trials().stream().map(r -> r.result().temperature()).toList())
                .isEqualTo(second.trials().stream().map(r -> r.result().temperature()).toList());
        assertThat(first.trials()).allMatch(r -> r.result().temperature() >= 0.05 && r.result().temperature() <= 50);
    }

    @Test
    void configurationRoundTripsThroughJsonAndYamlAndRunsAfterwards() {
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 1");
        SearchTask task = KnownCurves.task(space, 1.5, KnownCurves.trial(KnownCurves.bump(5)));
        AnalyticalSeedGenerator original = (AnalyticalSeedGenerator) task.generator(Strategy.ANALYTICAL);
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(original)
                .scoreFunction(new ValidationScoreFunction(Score.ACCURACY))
                .terminationConditions(new GeneratorExhaustedCondition())
                .build();
        List<Double> reference = temperatures(task.run(Strategy.ANALYTICAL, r -> { }));

        for (String form : List.of("json", "yaml")) {
            OptimizationConfiguration copy = form.equals("json")
                    ? OptimizationConfiguration.fromJson(config.toJson())
                    : OptimizationConfiguration.fromYaml(config.toYaml());
            assertThat(copy.getCandidateGenerator()).as(form).isEqualTo(original).isNotSameAs(original);
            assertThat(copy.getScoreFunction()).isEqualTo(config.getScoreFunction());
            assertThat(copy.getTerminationConditions()).containsExactly(new GeneratorExhaustedCondition());
            AnalyticalSeedGenerator restored = (AnalyticalSeedGenerator) copy.getCandidateGenerator();
            List<Double> temperatures = Collections.synchronizedList(new ArrayList<>());
            LocalOptimizationRunner runner = new LocalOptimizationRunner(1, copy, new TrialTaskCreator(Strategy.ANALYTICAL,
                    KnownCurves.trial(KnownCurves.bump(5)), Score.ACCURACY,
                    r -> temperatures.add(r.result().temperature()), System.nanoTime()));
            runner.addListeners(restored.failureListener());
            runner.execute();
            assertThat(temperatures).as(form).isEqualTo(reference);
        }
    }

    private static List<Double> temperatures(SearchOutcome outcome) {
        return outcome.trials().stream().map(r -> r.result().temperature()).toList();
    }
}
