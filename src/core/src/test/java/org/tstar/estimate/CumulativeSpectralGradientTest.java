package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;
import org.tstar.data.FeatureSet;
import org.tstar.data.GaussianMixture;

class CumulativeSpectralGradientTest {

    /** DESIGN §1's test vector: 3 classes of 4 points in the plane, one of each class near the next class. */
    static FeatureSet designVector() {
        float[] points = {0, 0, 0.1f, 0.2f, 0.2f, 0.1f, 0.3f, 0.3f,
                1, 1, 1.1f, 0.9f, 0.9f, 1.2f, 0.25f, 0.35f,
                2, 0, 2.1f, 0.2f, 1.9f, 0.1f, 1.05f, 1.05f};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        return new FeatureSet("design-vector", 12, 2, points, labels, List.of("0", "1", "2"));
    }

    @Test
    void reproducesTheDesignTestVector() {
        CumulativeSpectralGradient.Result result = new CumulativeSpectralGradient(250, 3, 0, 0)
                .compute(designVector());
        assertThat(result.eigenvalues()).containsExactly(new double[] {0, 0.901373, 1.532868}, offset(1e-6));
        assertThat(result.csg()).isCloseTo(0.6162052, offset(1e-6));
        assertThat(result.queries()).isEqualTo(12);
    }

    @Test
    void spectrumArithmetic() {
        // gaps 0.9, 0.3 over K = 3: r = 0.3, 0.15 → cumulative max 0.3, 0.3 → 0.6
        assertThat(CumulativeSpectralGradient.fromSpectrum(new double[] {0, 0.9, 1.2})).isCloseTo(0.6, offset(1e-12));
        assertThat(CumulativeSpectralGradient.brayCurtis(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0);
        assertThat(CumulativeSpectralGradient.brayCurtis(new double[] {0.5, 0.5}, new double[] {0.5, 0.5})).isZero();
    }

    @Test
    void growsAsClassesMoveTogetherAndRepeatsForTheSameSeed() {
        CumulativeSpectralGradient csg = new CumulativeSpectralGradient(100, 3, 4, 5);
        List<Double> values = new ArrayList<>();
        for (double separation : new double[] {8, 4, 2, 1, 0.25}) {
            FeatureSet set = new GaussianMixture(1500, 16, 5, separation, 11).generate();
            values.add(csg.compute(set).csg());
        }
        assertThat(values).as("CSG at separations 8, 4, 2, 1, 0.25").isSorted();
        assertThat(values.get(0)).isLessThan(values.get(values.size() - 1) / 2);
        FeatureSet set = new GaussianMixture(1500, 16, 5, 2, 11).generate();
        assertThat(csg.compute(set).csg()).isEqualTo(csg.compute(set).csg());
    }

    @Test
    void aClassWithFewerThanKPlusOneSamplesIsNamed() {
        float[] points = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        FeatureSet set = new FeatureSet("tiny", 6, 2, points, new int[] {0, 0, 0, 0, 1, 1}, List.of("big", "small"));
        assertThatThrownBy(() -> new CumulativeSpectralGradient(10, 3, 0, 0).compute(set))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'small' has 2 samples")
                .hasMessageContaining("k = 3");
    }
}
