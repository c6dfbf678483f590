package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;

/**
 * The prior's fit recovers planted weights on the new predictors and chooses exactly the planted ones by held-out
 * error; its expected error grows with a task's distance from the fitted tasks, and it reads back from YAML.
 */
class TransferPriorFitTest {
    private static final List<String> ALL = List.copyOf(TaskPredictors.CANDIDATES.keySet());
    private static final List<String> PLANTED = List.of("lnM", "lnLearningRate", "probeGap", "gradientScaled");
    private static final double[] WEIGHTS = {0.5, 0.4, 0.8, 3.0, -2.0};

    /** A task whose every candidate predictor varies on its own (a seeded draw). */
    static TaskPredictors randomTask(Random random) {
        int width = 16 << random.nextInt(8);
        double heldOut = 0.3 + 0.6 * random.nextDouble();
        double gap = 0.5 * random.nextDouble();
        String[] updaters = {"adam", "sgd", "nesterovs"};
        return new TaskPredictors(width, 2 + random.nextInt(99), 0.1 + 10 * random.nextDouble(), 500 + random.nextInt(20_000),
                random.nextBoolean() ? "mlp" : "linear+bn", updaters[random.nextInt(3)], Math.pow(10, -4 + 3 * random.nextDouble()),
                1 + random.nextInt(30), 16 << random.nextInt(4),
                new SeparabilityProbe(heldOut + gap, heldOut, 1 + random.nextDouble() * width));
    }

    static double planted(TaskPredictors t) {
        double log = WEIGHTS[0];
        for (int j = 0; j < PLANTED.size(); j++) {
            log += WEIGHTS[j + 1] * t.value(PLANTED.get(j));
        }
        return Math.exp(log);
    }

    private static List<TransferPriorFit.Observation> observations(int datasets, int perDataset, double noise, long seed) {
        Random random = new Random(seed);
        List<TransferPriorFit.Observation> out = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            for (int i = 0; i < perDataset; i++) {
                TaskPredictors t = randomTask(random);
                out.add(new TransferPriorFit.Observation("d" + d + "-t" + i, "d" + d, t,
                        planted(t) * Math.exp(noise * random.nextGaussian())));
            }
        }
        return out;
    }

    @Test
    void recoversPlantedWeightsAndChoosesExactlyThePlantedPredictors() {
        TransferPriorFit fit = TransferPriorFit.fit(observations(6, 6, 0, 1), ALL, 4, 1e-6, 1e6, "test", "today");
        TransferPrior prior = fit.prior();
        assertThat(prior.predictors()).containsExactlyInAnyOrderElementsOf(PLANTED);
        for (int j = 0; j < PLANTED.size(); j++) {
            assertThat(prior.weights()[prior.predictors().indexOf(PLANTED.get(j)) + 1]).isCloseTo(WEIGHTS[j + 1], within(1e-8));
        }
        assertThat(prior.weights()[0]).isCloseTo(WEIGHTS[0], within(1e-8));
        // chosen again without each dataset, the same predictors; exact wherever the dataset's predictors lie within
        // the range of the others (beyond it they are clamped)
        assertThat(fit.nested()).hasSize(36).allSatisfy(p -> assertThat(p.predictors()).containsExactlyInAnyOrderElementsOf(PLANTED));
        assertThat(fit.nested()).filteredOn(p -> Math.abs(Math.log(p.predictedTemperature() / p.gridOptimalTemperature())) < 1e-9)
                .hasSizeGreaterThan(18);
        assertThat(fit.nestedPearson()).isGreaterThan(0.99);
    }

    @Test
    void withNoiseTheHeldOutErrorIsTheNoiseAndThePlantedPredictorsAreKept() {
        TransferPriorFit fit = TransferPriorFit.fit(observations(8, 8, 0.1, 2), ALL, 4, 1e-6, 1e6, "test", "today");
        assertThat(fit.prior().predictors()).containsExactlyInAnyOrderElementsOf(PLANTED);
        assertThat(fit.nestedError()).isBetween(0.07, 0.15);
        assertThat(fit.prior().provenance().crossValidatedLogError()).isBetween(0.07, 0.15);
    }

    @Test
    void aPredictorOnlyOneDatasetVariesGetsWeightZeroInTheFoldThatLeavesItOut() {
        List<TransferPriorFit.Observation> all = new ArrayList<>();
        Random random = new Random(3);
        List<TransferPriorFit.Observation> drawn = observations(4, 6, 0, 3);
        for (int i = 0; i < drawn.size(); i++) {
            TransferPriorFit.Observation o = drawn.get(i);
            // every dataset repeats the same six draws, so no fold has to clamp a value: only d0's updater differs
            TaskPredictors t = drawn.get(i % 6).predictors();
            // only dataset d0 uses SGD
            String updater = o.dataset().equals("d0") && random.nextBoolean() ? "sgd" : "adam";
            TaskPredictors changed = new TaskPredictors(t.width(), t.classes(), t.csg(), t.trainSamples(), t.head(), updater,
                    t.learningRate(), t.epochs(), t.batchSize(), t.probe());
            all.add(new TransferPriorFit.Observation(o.task(), o.dataset(), changed, planted(changed)));
        }
        TransferPriorFit.Subset withSgd = TransferPriorFit.heldOutError(all, PLANTED);
        assertThat(withSgd.heldOutLogError()).isFinite();
        // every other fold learns SGD's weight from d0 and is exact; the fold without d0 cannot, fixes it at 0, and
        // d0's SGD tasks miss by exactly the planted weight, 2 in ln T
        long sgdTasks = all.stream().filter(o -> !o.predictors().updater().equals("adam")).count();
        assertThat(sgdTasks).isPositive();
        assertThat(withSgd.heldOutLogError()).isCloseTo(Math.sqrt(sgdTasks * 4.0 / all.size()), within(1e-6));
    }

    @Test
    void contributionsAddUpAndTheExpectedErrorGrowsAwayFromTheFittedTasks() {
        TransferPrior prior = TransferPriorFit.fit(observations(6, 6, 0.1, 4), ALL, 4, 1e-6, 1e6, "test", "today").prior();
        Random random = new Random(5);
        TaskPredictors typical = randomTask(random);
        TransferPrior.Prediction p = prior.predict(typical);
        double sum = Math.log(p.baseline()) + p.contributions().stream().mapToDouble(TransferPrior.Contribution::logEffect).sum();
        assertThat(sum).isCloseTo(Math.log(p.unclipped()), within(1e-9));
        TaskPredictors far = new TaskPredictors(typical.width(), typical.classes(), typical.csg(), typical.trainSamples(),
                typical.head(), typical.updater(), 1e15, typical.epochs(), typical.batchSize(), typical.probe());
        assertThat(prior.predict(far).leverage()).isGreaterThan(10 * p.leverage());
        assertThat(prior.predict(far).expectedLogError()).isGreaterThan(2 * p.expectedLogError());
        assertThat(p.expectedLogError()).isGreaterThanOrEqualTo(prior.residualScale());
    }

    @Test
    void unscoredDatasetsAreFittedInEveryFoldButNeverHeldOutOrCounted() {
        // d0..d3 play the real datasets; d4 and d5 the mixtures that only widen each fold's fit
        List<TransferPriorFit.Observation> all = observations(6, 6, 0.2, 9);
        java.util.Set<String> scored = java.util.Set.of("d0", "d1", "d2", "d3");
        TransferPriorFit fit = TransferPriorFit.fit(all, scored, ALL, 4, 1e-6, 1e6, "test", "today");
        assertThat(fit.nested()).hasSize(24).allSatisfy(p -> assertThat(scored).contains(p.dataset()));
        assertThat(fit.datasets()).isEqualTo(6);
        for (TransferPriorFit.Prediction p : fit.nested()) {
            List<TransferPriorFit.Observation> training = all.stream().filter(o -> !o.dataset().equals(p.dataset())).toList();
            TransferPriorFit.Observation task = all.stream().filter(o -> o.task().equals(p.task())).findFirst().orElseThrow();
            double expected = Math.exp(LogTemperatureRegression.fit(training, p.predictors()).predict(task.predictors()));
            assertThat(p.predictedTemperature()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-9));
        }
        // the subsets' error is over the scored tasks only: a scored-only sum of squared fold errors
        TransferPriorFit.Subset planted = TransferPriorFit.heldOutError(all, scored, PLANTED);
        double squares = 0;
        for (String d : scored) {
            List<TransferPriorFit.Observation> training = all.stream().filter(o -> !o.dataset().equals(d)).toList();
            LogTemperatureRegression ols = LogTemperatureRegression.fit(training, PLANTED);
            for (TransferPriorFit.Observation o : all) {
                if (o.dataset().equals(d)) {
                    squares += Math.pow(ols.predict(o.predictors()) - Math.log(o.gridOptimalTemperature()), 2);
                }
            }
        }
        assertThat(planted.heldOutLogError()).isCloseTo(Math.sqrt(squares / 24), within(1e-12));
    }

    @Test
    void theFirstRangeCoversTheOptimumAboutTwoTimesInThree() {
        // noise 0.3 in ln T around the planted weights: an honest ±1 σ range covers about 68 % of held-out tasks
        TransferPriorFit fit = TransferPriorFit.fit(observations(12, 10, 0.3, 10), ALL, 4, 1e-6, 1e6, "test", "today");
        long covered = fit.nested().stream().filter(TransferPriorFit.Prediction::covered).count();
        assertThat((double) covered / fit.nested().size()).isBetween(0.55, 0.82);
        assertThat(fit.nested()).allSatisfy(p -> assertThat(p.expectedLogError()).isBetween(0.2, 0.6));
    }

    @Test
    void theCalibrationIsTheConformalQuantileOfErrorOverStatedError() {
        // ratios 0.1 … 0.9: rank ⌈10 · 0.6827⌉ = 7 → 0.7; predictions that state no error are left out
        List<TransferPriorFit.Prediction> predictions = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            predictions.add(new TransferPriorFit.Prediction("t" + i, "d", List.of(), Math.exp(0.1 * i), 1, 1, 1, 1, false));
        }
        predictions.add(new TransferPriorFit.Prediction("none", "d", List.of(), 50, 1, 1, 0, 0, false));
        assertThat(TransferPriorFit.calibration(predictions)).isCloseTo(0.7, within(1e-12));
        assertThat(TransferPriorFit.calibration(List.of())).isEqualTo(1);
    }

    @Test
    void eachDatasetsRangeIsCalibratedOnTheOtherDatasetsAndTheShippedPriorOnAll() {
        // a dataset's own errors never enter its range's factor: only the other datasets' ratios do
        List<TransferPriorFit.Observation> all = observations(8, 6, 0.4, 13);
        TransferPriorFit fit = TransferPriorFit.fit(all, ALL, 4, 1e-6, 1e6, "test", "today");
        for (TransferPriorFit.Prediction p : fit.nested()) {
            double others = TransferPriorFit.calibration(fit.nested().stream()
                    .filter(q -> !q.dataset().equals(p.dataset())).toList());
            assertThat(p.expectedLogError()).isCloseTo(p.statedLogError() * others, within(1e-12));
        }
        assertThat(fit.errorCalibration()).isCloseTo(TransferPriorFit.calibration(fit.nested()), within(1e-12));
        TransferPrior uncalibrated = TransferPriorFit.prior(all, fit.subsets().stream()
                .filter(s -> s.predictors().equals(fit.prior().predictors())).findFirst().orElseThrow(), 1e-6, 1e6,
                fit.prior().provenance());
        assertThat(fit.prior().residualScale()).isCloseTo(uncalibrated.residualScale() * fit.errorCalibration(), within(1e-12));
        assertThat(fit.prior().provenance().fittedOn()).contains("expected error calibrated");
    }

    @Test
    void extrapolatingFollowsTheWeightsPastTheFittedRangeWhereThePredictionClampsThem() {
        TransferPrior prior = TransferPriorFit.fit(observations(6, 6, 0, 11), ALL, 4, 1e-6, 1e6, "test", "today").prior();
        TaskPredictors t = randomTask(new Random(12));
        // a learning rate 100x above any fitted task's (they draw 1e-4 to 0.1): outside the range of lnLearningRate
        TaskPredictors far = new TaskPredictors(t.width(), t.classes(), t.csg(), t.trainSamples(), t.head(), t.updater(),
                10.0, t.epochs(), t.batchSize(), t.probe());
        assertThat(prior.predict(far).contributions()).anySatisfy(c -> assertThat(c.clamped()).isTrue());
        assertThat(prior.predict(far).extrapolated()).isCloseTo(planted(far), org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(prior.predict(far).temperature()).isNotCloseTo(planted(far), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void readsBackFromItsYaml() {
        TransferPrior prior = TransferPriorFit.fit(observations(5, 5, 0.1, 6), ALL, 3, 0.01, 500, "test \"quoted\"", "today").prior();
        TransferPrior read = TransferPrior.parse(prior.toYaml(), "prior.yaml");
        TaskPredictors t = randomTask(new Random(7));
        // the file keeps 9 significant digits of every fitted number: predictions agree to ~1e-8 relative
        assertThat(read.predict(t).temperature()).isCloseTo(prior.predict(t).temperature(), org.assertj.core.data.Percentage.withPercentage(1e-5));
        assertThat(read.predict(t).expectedLogError()).isCloseTo(prior.predict(t).expectedLogError(), org.assertj.core.data.Percentage.withPercentage(1e-5));
        assertThat(read.predictors()).isEqualTo(prior.predictors());
        assertThat(read.provenance().crossValidatedLogError()).isEqualTo(prior.provenance().crossValidatedLogError());
    }

    @Test
    void refusesTooFewDatasetsAndNamesABadPriorField() {
        assertThatThrownBy(() -> TransferPriorFit.fit(observations(2, 6, 0, 8), ALL, 4, 1e-6, 1e6, "t", "d"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 3 scored datasets").hasMessageContaining("got 2 (d0, d1)");
        assertThatThrownBy(() -> TransferPrior.parse("name: x\nkind: transferPrior\nresidualScale: 1\nminTemperature: 0.1\n"
                + "maxTemperature: 10\nterms:\n  - {predictor: intercept, weight: 0, inverseGram: [1, 0]}\n"
                + "  - {predictor: lnWidth, weight: 1, mean: 0, range: [0, 1], inverseGram: [0, 1]}\n", "p.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown predictor 'lnWidth'");
    }
}
