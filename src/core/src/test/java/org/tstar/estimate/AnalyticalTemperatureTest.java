package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.InvalidInputException;

class AnalyticalTemperatureTest {
    @TempDir
    Path dir;

    @Test
    void paperEstimateAtWidth512() {
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        AnalyticalTemperature.Estimate e = AnalyticalTemperature.estimate(512, 10, Double.NaN, paper);
        assertThat(e.temperature()).isCloseTo(0.7239 * Math.sqrt(512) - 4.706, offset(1e-9));
        assertThat(e.temperature()).isCloseTo(11.674, offset(1e-3));
        assertThat(e.widthTerm() + e.intercept() + e.difficultyTerm() + e.classTerm()).isEqualTo(e.unclipped());
        assertThat(e.clipped()).isFalse();
    }

    @Test
    void width42FallsBelowZeroAndIsClippedUp() {
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        AnalyticalTemperature.Estimate e = AnalyticalTemperature.estimate(42, 10, Double.NaN, paper);
        assertThat(e.unclipped()).isLessThanOrEqualTo(0);
        assertThat(e.temperature()).isEqualTo(paper.minTemperature());
        assertThat(e.clipped()).isTrue();
    }

    @Test
    void correctionTermsUseLogCsgAndLogClasses() {
        TemperatureCoefficients k = new TemperatureCoefficients("test", 0.5, 1, -0.3, 0.2, 0.01, 1000,
                new CoefficientProvenance("test", "none", "today", Double.NaN));
        AnalyticalTemperature.Estimate e = AnalyticalTemperature.estimate(100, 20, 0.5, k);
        assertThat(e.widthTerm()).isEqualTo(5.0);
        assertThat(e.difficultyTerm()).isCloseTo(-0.3 * Math.log(0.5), offset(1e-12));
        assertThat(e.classTerm()).isCloseTo(0.2 * Math.log(20), offset(1e-12));
        assertThat(e.temperature()).isCloseTo(5 + 1 - 0.3 * Math.log(0.5) + 0.2 * Math.log(20), offset(1e-12));
    }

    @Test
    void refusesImpossibleWidthsAndClassCounts() {
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        assertThatThrownBy(() -> AnalyticalTemperature.estimate(0, 10, 1, paper))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("M must be ≥ 1, got 0");
        assertThatThrownBy(() -> AnalyticalTemperature.estimate(64, 1, 1, paper))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("C must be ≥ 2, got 1");
    }

    @Test
    void coefficientFilesRoundTripAndBadFieldsAreNamed() throws Exception {
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        Path file = dir.resolve("k.yaml");
        Files.writeString(file, paper.toYaml());
        assertThat(TemperatureCoefficients.load(file.toString())).isEqualTo(paper);
        assertThat(TemperatureCoefficients.load("fitted").provenance().source()).startsWith("tstar fit --reports ");

        Files.writeString(file, "alpha: 0.7\nbeta: -4\ngamma: 0\nminTemperature: 0.1\nmaxTemperature: 10\n");
        assertThatThrownBy(() -> TemperatureCoefficients.load(file.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("delta: missing");
        Files.writeString(file, "alpha: seven\nbeta: -4\ngamma: 0\ndelta: 0\nminTemperature: 0.1\nmaxTemperature: 10\n");
        assertThatThrownBy(() -> TemperatureCoefficients.load(file.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("alpha: 'seven' is not a finite number");
        Files.writeString(file, "alpha: 1\nbeta: -4\ngamma: 0\ndelta: 0\nminTemperature: 0.1\nmaxTemperature: 10\nepsilon: 1\n");
        assertThatThrownBy(() -> TemperatureCoefficients.load(file.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("epsilon: unknown key");
        assertThatThrownBy(() -> TemperatureCoefficients.load(dir.resolve("absent.yaml").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such coefficients file");
    }
}
