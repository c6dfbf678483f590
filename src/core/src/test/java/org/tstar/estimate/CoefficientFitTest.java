package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;

/** The coefficient refit recovers planted coefficients, and says what it cannot identify. */
class CoefficientFitTest {
    static final double ALPHA = 0.5;
    static final double BETA = -1.5;
    static final double GAMMA = 0.8;
    static final double DELTA = 0.9;

    /** Four datasets × widths × class counts, T* = planted formula × e^(noise·N(0,1)). */
    static List<CoefficientFit.Observation> planted(double noise, boolean varyClasses) {
        Random random = new Random(7);
        List<CoefficientFit.Observation> list = new ArrayList<>();
        String[] datasets = {"digits", "mnist", "mixture-a", "mixture-b"};
        for (int d = 0; d < datasets.length; d++) {
            int[] widths = {32, 128, 512, 2048};
            for (int w = 0; w < widths.length; w++) {
                int m = widths[w];
                int classes = varyClasses ? 10 + 10 * ((w + d) % 3) : 10;
                // Difficulty varies within each dataset too, so γ is identifiable when a dataset is held out.
                double csg = 0.2 + 0.3 * ((3 * w + 7 * d) % 11);
                double t = ALPHA * Math.sqrt(m) + BETA + GAMMA * Math.log(csg) + DELTA * Math.log(classes);
                list.add(new CoefficientFit.Observation(datasets[d] + "-" + m, datasets[d], m, classes, csg,
                        t * Math.exp(noise * random.nextGaussian())));
            }
        }
        return list;
    }

    @Test
    void recoversPlantedCoefficientsExactlyWithoutNoiseInBothObjectives() {
        for (CoefficientFit.Objective objective : CoefficientFit.Objective.values()) {
            CoefficientFit fit = CoefficientFit.fit(planted(0, true), objective, 0.01, 1000, "planted", "2026-11-24");
            TemperatureCoefficients k = fit.coefficients();
            assertThat(k.alpha()).as(objective.label()).isCloseTo(ALPHA, offset(1e-8));
            assertThat(k.beta()).isCloseTo(BETA, offset(1e-8));
            assertThat(k.gamma()).isCloseTo(GAMMA, offset(1e-8));
            assertThat(k.delta()).isCloseTo(DELTA, offset(1e-8));
            assertThat(fit.crossValidatedLogError()).isLessThan(1e-8);
            assertThat(fit.heldOutPearsonLogR()).isCloseTo(1, offset(1e-9));
            assertThat(fit.heldOut()).hasSize(16);
            assertThat(fit.fixedAtZero()).isEmpty();
        }
    }

    @Test
    void withFivePercentNoiseTheLogFitStaysCloseAndItsHeldOutErrorIsTheNoise() {
        CoefficientFit fit = CoefficientFit.fit(planted(0.05, true), CoefficientFit.Objective.LOG_T, 0.01, 1000, "planted", "d");
        assertThat(fit.coefficients().alpha()).isCloseTo(ALPHA, offset(0.05));
        assertThat(fit.crossValidatedLogError()).isBetween(0.02, 0.12);
        assertThat(fit.heldOutPearsonLogR()).isGreaterThan(0.95);
        // provenance keeps the error at the 4 digits a reader compares
        assertThat(fit.coefficients().provenance().crossValidatedLogError())
                .isEqualTo(org.tstar.SignificantDigits.round(fit.crossValidatedLogError(), org.tstar.SignificantDigits.REPORTED));
    }

    @Test
    void aTermWhoseFeatureNeverVariesIsFixedAtZero() {
        CoefficientFit fit = CoefficientFit.fit(planted(0, false), CoefficientFit.Objective.LOG_T, 0.01, 1000, "p", "d");
        assertThat(fit.fixedAtZero()).containsExactly("delta");
        assertThat(fit.coefficients().delta()).isZero();
        // β absorbs δ ln 10 when every task has 10 classes.
        assertThat(fit.coefficients().beta()).isCloseTo(BETA + DELTA * Math.log(10), offset(1e-8));
    }

    @Test
    void tooFewResultsAreRefused() {
        assertThatThrownBy(() -> CoefficientFit.fit(planted(0, true).subList(0, 3), CoefficientFit.Objective.T, 0.01, 1000,
                "p", "d")).isInstanceOf(InvalidInputException.class).hasMessageContaining("3 grid results cannot fit").hasMessageContaining("need at least");
    }
}
