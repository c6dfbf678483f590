package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tstar.data.FeatureSet;

class FeatureStatisticsTest {

    /** Corners of a 2×2 square: class 0 on the bottom edge, class 1 on the top edge. */
    static FeatureSet square() {
        return new FeatureSet("square", 4, 2, new float[] {0, 0, 2, 0, 0, 2, 2, 2}, new int[] {0, 0, 1, 1},
                List.of("bottom", "top"));
    }

    @Test
    void everyStatisticOnAHandComputedSet() {
        FeatureStatistics s = FeatureStatistics.compute(square(), 0);
        assertThat(s.get("dim")).isEqualTo(2);
        assertThat(s.get("nClasses")).isEqualTo(2);
        assertThat(s.get("nSamples")).isEqualTo(4);
        assertThat(s.get("samplesPerClass")).isEqualTo(2);
        assertThat(s.get("mean")).isCloseTo(1, offset(1e-12));
        assertThat(s.get("variance")).isCloseTo(1, offset(1e-12));           // each column is 1 ± 1
        assertThat(s.get("intraClassTrace")).isCloseTo(1, offset(1e-12));    // every point is 1 from its class mean
        assertThat(s.get("interClassTrace")).isCloseTo(1, offset(1e-12));    // class means (1,0), (1,2) vs (1,1)
        assertThat(s.get("featsCorr")).isCloseTo(0, offset(1e-12));          // the columns are uncorrelated
        assertThat(s.get("meanCosine")).isCloseTo(0.5, offset(1e-12));       // (0,2,0,2)·(0,0,2,2) / (√8·√8)
        assertThat(s.get("pctDims50")).isEqualTo(50);                        // equal eigenvalues 1, 1
        assertThat(s.get("pctDims75")).isEqualTo(100);
        assertThat(s.get("pctDims99")).isEqualTo(100);
        assertThat(s.get("kurtosis")).isCloseTo(-2, offset(1e-12));          // ±1 values: m4/m2² = 1
        double a = 2;
        double b = (2 + Math.sqrt(8)) / 2;
        assertThat(s.get("silhouette")).isCloseTo((b - a) / b, offset(1e-12));
        assertThat(s.get("calinskiHarabasz")).isCloseTo((4.0 / 1) / (4.0 / 2), offset(1e-12));
        assertThat(s.get("daviesBouldin")).isCloseTo((1.0 + 1.0) / 2, offset(1e-12));
    }

    @Test
    void featsCorrGrowsWithCorrelation() {
        List<Double> values = new ArrayList<>();
        for (double rho : new double[] {0, 0.3, 0.6, 0.9}) {
            Random random = new Random(3);
            int n = 4000;
            float[] x = new float[n * 2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                double u = random.nextGaussian();
                x[2 * i] = (float) u;
                x[2 * i + 1] = (float) (rho * u + Math.sqrt(1 - rho * rho) * random.nextGaussian());
                labels[i] = i % 2;
            }
            values.add(FeatureStatistics.compute(new FeatureSet("rho", n, 2, x, labels, List.of("a", "b")), 0)
                    .get("featsCorr"));
        }
        assertThat(values).isSorted();
        assertThat(values.get(0)).isLessThan(1e-3);
        // two off-diagonal entries of ρ² each, over M² = 4
        assertThat(values.get(3)).isCloseTo(2 * 0.81 / 4, offset(0.02));
    }
}
