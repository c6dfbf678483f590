package org.tstar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.InvalidInputException;

/** Spearman's ρ on hand-checked vectors, ties at their average rank, and a report without curves refused. */
class FidelityAnalysisTest {
    @TempDir
    Path dir;

    @Test
    void spearmanMatchesHandComputedValues() {
        assertThat(FidelityAnalysis.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(FidelityAnalysis.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        // ranks (1,2,3,4,5) against (2,1,4,3,5): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/120 = 0.8
        assertThat(FidelityAnalysis.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}))
                .isCloseTo(0.8, within(1e-12));
        assertThat(FidelityAnalysis.ranks(new double[] {0.5, 0.9, 0.5, 0.1})).containsExactly(2.5, 4, 2.5, 1);
        assertThat(FidelityAnalysis.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void aReportWithoutCurvesIsRefusedInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("task-seed42"));
        assertThatThrownBy(() -> FidelityAnalysis.run(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no task folder with curves.csv");
    }
}
