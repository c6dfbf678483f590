package org.tstar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tstar.data.BundledDigits;
import org.tstar.data.StratifiedSplit;

/** Training on the bundled digits: extreme temperatures stay finite, T matters, and seeds make it repeatable. */
class TemperatureTrainerTest {
    private static PreparedSplit digits;

    @BeforeAll
    static void load() {
        digits = PreparedSplit.of(StratifiedSplit.standard().split(BundledDigits.load()).standardized());
    }

    @Test
    void extremeTemperaturesTrainWithoutNaN() {
        for (HeadSpec head : List.of(HeadSpec.linear(true),
                new HeadSpec(HeadType.MLP, List.of(32), true, false),
                new HeadSpec(HeadType.COSINE, List.of(), false, false))) {
            TemperatureTrainer trainer = new TemperatureTrainer(head, new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 5, 64, 1));
            for (double t : new double[] {0.05, 100}) {
                TrialResult result = trainer.train(digits, t);
                assertThat(result.status()).as("%s at T=%s: %s", head, t, result.failureReason())
                        .isEqualTo(TrialStatus.COMPLETED);
                assertThat(result.validationLoss()).isFinite();
                assertThat(result.validationAccuracy()).isBetween(0.0, 1.0);
                assertThat(result.epochs()).isEqualTo(5);
                assertThat(result.samplePasses()).isEqualTo(5L * digits.trainRows());
            }
        }
    }

    @Test
    void temperatureChangesTheOutcomeAndSeedsRepeatIt() {
        TemperatureTrainer trainer = new TemperatureTrainer(HeadSpec.linear(true),
                new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 5, 64, 42));
        TrialResult low = trainer.train(digits, 0.1);
        TrialResult unit = trainer.train(digits, 1);
        TrialResult high = trainer.train(digits, 10);
        assertThat(List.of(low.validationLoss(), unit.validationLoss(), high.validationLoss()))
                .doesNotHaveDuplicates();
        assertThat(List.of(low.validationAccuracy(), unit.validationAccuracy(), high.validationAccuracy()))
                .as("validation accuracy at T = 0.1, 1, 10").doesNotHaveDuplicates();

        TrialResult again = trainer.train(digits, 1);
        assertThat(again.validationAccuracy()).isEqualTo(unit.validationAccuracy());
        assertThat(again.validationLoss()).isEqualTo(unit.validationLoss());
        assertThat(again.testAccuracy()).isEqualTo(unit.testAccuracy());
    }

    @Test
    void flopsAreSixTimesTrainableParametersPerSamplePass() {
        TemperatureTrainer trainer = new TemperatureTrainer(HeadSpec.linear(true),
                new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 2, 64, 42));
        TrialResult result = trainer.train(digits, 1);
        // BN(64): gamma + beta = 128 trainable (mean, var are not); Dense 64→10: 650.
        long trainable = 128 + 650;
        assertThat(TemperatureTrainer.trainableParameters(trainer.network(64, 10, 1))).isEqualTo(trainable);
        assertThat(result.flops()).isEqualTo(6.0 * trainable * result.samplePasses());
    }

    @Test
    void aLearningCurveObserverChangesNothingButTheEvaluationCountAndCanStopTheTrial() {
        TemperatureTrainer trainer = new TemperatureTrainer(HeadSpec.linear(true), new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 4, 64, 3));
        TrialResult plain = trainer.train(digits, 0.7);
        List<double[]> curve = new java.util.ArrayList<>();
        TrialResult observed = trainer.train(digits, 0.7, (epoch, passes, accuracy, loss) -> {
            curve.add(new double[] {epoch, passes, accuracy, loss});
            return true;
        });
        assertThat(observed.validationAccuracy()).isEqualTo(plain.validationAccuracy());
        assertThat(observed.validationLoss()).isEqualTo(plain.validationLoss());
        assertThat(observed.testAccuracy()).isEqualTo(plain.testAccuracy());
        assertThat(observed.flops()).isEqualTo(plain.flops());
        assertThat(plain.evaluationFlops()).isZero();
        // three evaluations before the last epoch: 2 × (BN 2·64 + dense 64·10 + 10) parameters × validation rows each
        assertThat(observed.evaluationFlops()).isEqualTo(3 * 2.0 * (2 * 64 + 64 * 10 + 10) * digits.validationFeatures().rows());
        assertThat(curve).extracting(p -> (int) p[0]).containsExactly(1, 2, 3, 4);
        assertThat(curve.get(3)[2]).isEqualTo(plain.validationAccuracy());
        assertThat(curve.get(3)[3]).isEqualTo(plain.validationLoss());
        assertThat(curve.get(1)[1]).isEqualTo(2.0 * digits.trainRows());

        TrialResult stopped = trainer.train(digits, 0.7, (epoch, passes, accuracy, loss) -> epoch < 2);
        assertThat(stopped.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(stopped.epochs()).isEqualTo(2);
        assertThat(stopped.samplePasses()).isEqualTo(2L * digits.trainRows());
        assertThat(stopped.validationAccuracy()).isEqualTo(curve.get(1)[2]);
        assertThat(stopped.testAccuracy()).isNaN();
    }
}
