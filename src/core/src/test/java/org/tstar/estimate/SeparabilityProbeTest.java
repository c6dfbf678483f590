package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tstar.data.FeatureSet;

/** The closed-form probe on data whose separability and effective width are known. */
class SeparabilityProbeTest {

    private static FeatureSet set(int rows, int width, int classes, long seed, boolean separable, int distinctColumns) {
        Random random = new Random(seed);
        float[] values = new float[rows * width];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % classes;
            double[] base = new double[distinctColumns];
            for (int j = 0; j < distinctColumns; j++) {
                base[j] = random.nextGaussian() + (separable && j % classes == labels[r] ? 8 : 0);
            }
            for (int j = 0; j < width; j++) {
                values[r * width + j] = (float) base[j % distinctColumns];
            }
        }
        List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        return new FeatureSet("probe-test", rows, width, values, labels, names);
    }

    @Test
    void separableClassesAreFoundAndRandomLabelsAreNot() {
        SeparabilityProbe separable = SeparabilityProbe.measure(set(600, 20, 4, 1, true, 20), 7);
        assertThat(separable.heldOutAccuracy()).isEqualTo(1.0);
        // labels independent of 200 features on 420 fitting rows: the probe memorizes, and guesses on new rows
        SeparabilityProbe noise = SeparabilityProbe.measure(set(600, 200, 4, 2, false, 200), 7);
        assertThat(noise.heldOutAccuracy()).isBetween(0.15, 0.37);
        assertThat(noise.gap()).isGreaterThan(0.4);
    }

    @Test
    void effectiveWidthCountsTheDirectionsNotTheColumns() {
        // 40 independent columns: the participation ratio of a sample covariance is M / (1 + M/n) in expectation
        SeparabilityProbe independent = SeparabilityProbe.measure(set(3000, 40, 2, 3, false, 40), 7);
        assertThat(independent.effectiveWidth()).isCloseTo(40 / (1 + 40 / 2100.0), within(2.0));
        // 64 columns that are 4 columns repeated span 4 directions; also when M exceeds the fitting rows (dual form)
        assertThat(SeparabilityProbe.measure(set(1000, 64, 2, 4, false, 4), 7).effectiveWidth()).isCloseTo(4, within(0.3));
        assertThat(SeparabilityProbe.measure(set(200, 512, 2, 5, false, 4), 7).effectiveWidth()).isCloseTo(4, within(0.6));
    }

    @Test
    void theSameSeedGivesTheSameProbe() {
        FeatureSet s = set(500, 30, 3, 6, false, 30);
        assertThat(SeparabilityProbe.measure(s, 9)).isEqualTo(SeparabilityProbe.measure(s, 9));
    }
}
