package org.tstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsHeuristicTest {

    @Test
    void recoversAPlantedLinearLawInLogT() {
        Random random = new Random(2);
        List<GridObservation> points = new ArrayList<>();
        for (int dataset = 0; dataset < 6; dataset++) {
            for (int task = 0; task < 5; task++) {
                double featsCorr = random.nextDouble();
                double silhouette = random.nextDouble() - 0.5;
                double logT = 0.4 + 2.0 * featsCorr - 1.5 * silhouette + random.nextGaussian() * 0.01;
                points.add(new GridObservation("d" + dataset,
                        new FeatureStatistics(Map.of("featsCorr", featsCorr, "silhouette", silhouette)), Math.exp(logT)));
            }
        }
        StatisticsHeuristic h = StatisticsHeuristic.fit(points, List.of("featsCorr", "silhouette"));
        assertThat(h.rSquared()).isGreaterThan(0.99);
        assertThat(h.intercept()).isCloseTo(0.4, offset(0.02));
        assertThat(h.slopes()).containsExactly(new double[] {2.0, -1.5}, offset(0.02));
        assertThat(h.crossValidatedLogError()).isLessThan(0.02).isGreaterThan(0);
        assertThat(h.predict(new FeatureStatistics(Map.of("featsCorr", 0.5, "silhouette", 0.0))))
                .isCloseTo(Math.exp(1.4), offset(0.05));
    }
}
