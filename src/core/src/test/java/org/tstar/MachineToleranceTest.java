package org.tstar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cross-machine comparison lets a printed number round the other way at its last digit, and nothing more. */
class MachineToleranceTest {
    @Test
    void aPrintedNumberMayDifferByOneUnitOfItsLastDigitOnly() {
        String committed = "| prior | 0.533 | 1.863 | 36 % (18 of 50) |";
        MachineTolerance.assertSamePrintedText("| prior | 0.534 | 1.862 | 36 % (18 of 50) |", committed);
        assertThatThrownBy(() -> MachineTolerance.assertSamePrintedText("| prior | 0.535 | 1.863 | 36 % (18 of 50) |", committed))
                .isInstanceOf(AssertionError.class).hasMessageContaining("number 1");
        assertThatThrownBy(() -> MachineTolerance.assertSamePrintedText("| prior | 0.533 | 1.863 | 36 % (19 of 50) |", committed))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> MachineTolerance.assertSamePrintedText("| paper | 0.533 | 1.863 | 36 % (18 of 50) |", committed))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the text around the numbers");
    }

    @Test
    void fittedNumbersAgreeToOnePartInAMillion() {
        double shipped = 0.0183397455;
        assertThat(shipped * (1 + 1e-9)).isCloseTo(shipped, MachineTolerance.relative(shipped, MachineTolerance.FITTED_RELATIVE));
        assertThatThrownBy(() -> assertThat(shipped * (1 + 1e-3))
                .isCloseTo(shipped, MachineTolerance.relative(shipped, MachineTolerance.FITTED_RELATIVE)))
                .isInstanceOf(AssertionError.class);
        assertThat(1.4007715688367557).isCloseTo(1.401, MachineTolerance.lastDigit(1.401, SignificantDigits.REPORTED));
        assertThat(SignificantDigits.round(1.4007715690241194, SignificantDigits.REPORTED)).isEqualTo(1.401);
        assertThat(SignificantDigits.text(-1.5540819147708345, SignificantDigits.FITTED)).isEqualTo("-1.55408191");
    }
}
