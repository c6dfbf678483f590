package org.tstar.search.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tstar.search.KnownCurves;
import org.tstar.search.space.TemperatureSpace;

/** The analytical generator on known score curves, unimodal in log T (no training: the curve is the evaluator). */
class AnalyticalSeedGeneratorTest {
    private static final double MIN = 0.05;
    private static final double MAX = 50;
    private static final double TOLERANCE = 1.25;

    static AnalyticalSeedGenerator generator(double estimate, int parallelism) {
        return AnalyticalSeedGenerator.builder(new TemperatureSpace(MIN, MAX), estimate).rangeFactor(2)
                .tolerance(TOLERANCE).maxTrials(8).parallelism(parallelism).build();
    }

    /** Runs the generator sequentially on a curve; {@code fails} marks temperatures whose trial fails. */
    static List<Double> drive(AnalyticalSeedGenerator g, DoubleUnaryOperator curve, DoublePredicate fails) {
        List<Double> tried = new ArrayList<>();
        while (g.hasMoreCandidates()) {
            Candidate c = g.getCandidate();
            double t = (Double) c.getValue();
            tried.add(t);
            if (fails.test(t)) {
                g.candidateFailed(c.getIndex());
            } else {
                g.reportResults(new OptimizationResult(c, curve.applyAsDouble(t), c.getIndex(), null, null, null));
            }
        }
        assertThat(g.finished()).isTrue();
        return tried;
    }

    static double best(List<Double> tried, DoubleUnaryOperator curve) {
        return tried.stream().max((a, b) -> Double.compare(curve.applyAsDouble(a), curve.applyAsDouble(b))).orElseThrow();
    }

    static void assertSpaced(List<Double> tried) {
        for (int i = 0; i < tried.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertThat(Math.abs(Math.log(tried.get(i) / tried.get(j))))
                        .as("T=%s and T=%s are closer than the tolerance", tried.get(i), tried.get(j))
                        .isGreaterThanOrEqualTo(Math.log(TOLERANCE) - 1e-9);
            }
        }
    }

    @ParameterizedTest(name = "optimum = T̂* × {0}")
    @ValueSource(doubles = {1, 2, 0.5, 4, 0.25, 3, 1 / 3.0})
    void findsTheOptimumWithinToleranceInAtMostEightTrials(double offBy) {
        double estimate = 1.5;
        double optimum = estimate * offBy;
        DoubleUnaryOperator curve = KnownCurves.bump(optimum);
        List<Double> tried = drive(generator(estimate, 1), curve, t -> false);

        assertThat(tried).hasSizeLessThanOrEqualTo(8);
        assertThat(tried.get(0)).isCloseTo(estimate, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tried.get(1)).isCloseTo(estimate * 2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tried.get(2)).isCloseTo(estimate / 2, org.assertj.core.data.Offset.offset(1e-9));
        assertSpaced(tried);
        // Every temperature in the final bracket is within a factor TOLERANCE of a tried one, and the curve is
        // symmetric in log T, so the best tried point is within that factor of the true optimum.
        assertThat(Math.abs(Math.log(best(tried, curve) / optimum))).isLessThanOrEqualTo(Math.log(TOLERANCE) + 1e-9);
    }

    @Test
    void reachesAnOptimumAtTheLowerBound() {
        DoubleUnaryOperator decreasing = t -> -Math.log(t);
        List<Double> tried = drive(generator(0.2, 1), decreasing, t -> false);
        assertThat(tried).hasSizeLessThanOrEqualTo(8).contains(MIN);
        assertThat(best(tried, decreasing)).isEqualTo(MIN);
        assertSpaced(tried);
    }

    @Test
    void reachesAnOptimumAtTheUpperBound() {
        DoubleUnaryOperator increasing = Math::log;
        List<Double> tried = drive(generator(12.5, 1), increasing, t -> false);
        assertThat(tried).hasSizeLessThanOrEqualTo(8).contains(MAX);
        assertThat(best(tried, increasing)).isEqualTo(MAX);
        assertSpaced(tried);
    }

    @Test
    void clipsAnEstimateOutsideTheSpaceToItsBound() {
        List<Double> tried = drive(generator(400, 1), KnownCurves.bump(40), t -> false);
        assertThat(tried.get(0)).isEqualTo(MAX);
        assertThat(tried.get(1)).isCloseTo(MAX / 2, org.assertj.core.data.Offset.offset(1e-9));
        assertSpaced(tried);
    }

    @Test
    void sameInputsGiveTheSameProposalSequence() {
        List<Double> first = drive(generator(1.5, 1), KnownCurves.bump(5), t -> false);
        List<Double> second = drive(generator(1.5, 1), KnownCurves.bump(5), t -> false);
        assertThat(second).isEqualTo(first);
        AnalyticalSeedGenerator reused = generator(1.5, 1);
        drive(reused, KnownCurves.bump(5), t -> false);
        reused.reset();
        assertThat(drive(reused, KnownCurves.bump(5), t -> false)).isEqualTo(first);
    }

    @Test
    void aFailedCandidateCountsAsWorstAndDoesNotStallTheSearch() {
        // Below T = 0.3 every trial diverges; the optimum sits just above the failure edge.
        DoubleUnaryOperator curve = KnownCurves.bump(0.4);
        List<Double> tried = drive(generator(0.6, 1), curve, t -> t < 0.3);
        assertThat(tried).hasSizeLessThanOrEqualTo(8).anyMatch(t -> t < 0.3);
        assertSpaced(tried);
        double best = tried.stream().filter(t -> t >= 0.3).max((a, b) -> Double.compare(curve.applyAsDouble(a),
                curve.applyAsDouble(b))).orElseThrow();
        assertThat(Math.abs(Math.log(best / 0.4))).isLessThanOrEqualTo(Math.log(TOLERANCE * TOLERANCE));
    }

    @Test
    void aNonFiniteScoreCountsAsAFailure() {
        AnalyticalSeedGenerator g = generator(1.5, 1);
        List<Double> tried = new ArrayList<>();
        while (g.hasMoreCandidates()) {
            Candidate c = g.getCandidate();
            double t = (Double) c.getValue();
            tried.add(t);
            double score = t > 2.5 ? Double.NaN : KnownCurves.bump(2).applyAsDouble(t);
            g.reportResults(new OptimizationResult(c, score, c.getIndex(), null, null, null));
        }
        assertThat(g.finished()).isTrue();
        assertThat(tried).hasSizeLessThanOrEqualTo(8).anyMatch(t -> Math.abs(t - 3.0) < 1e-9);
        assertSpaced(tried);
    }

    @Test
    void withParallelismTwoItProposesTwoAtOnceAndStillFinishes() {
        AnalyticalSeedGenerator g = generator(1.5, 2);
        DoubleUnaryOperator curve = KnownCurves.bump(6);
        Deque<Candidate> running = new ArrayDeque<>();
        List<Double> tried = new ArrayList<>();
        int maxInFlight = 0;
        while (true) {
            while (g.hasMoreCandidates()) {
                Candidate c = g.getCandidate();
                tried.add((Double) c.getValue());
                running.add(c);
            }
            maxInFlight = Math.max(maxInFlight, running.size());
            if (running.isEmpty()) {
                break;
            }
            Candidate done = running.poll();
            double t = (Double) done.getValue();
            g.reportResults(new OptimizationResult(done, curve.applyAsDouble(t), done.getIndex(), null, null, null));
        }
        assertThat(maxInFlight).isEqualTo(2);
        assertThat(g.finished()).isTrue();
        assertThat(tried).hasSizeLessThanOrEqualTo(8);
        assertSpaced(tried);
        assertThat(Math.abs(Math.log(best(tried, curve) / 6))).isLessThanOrEqualTo(Math.log(TOLERANCE) + 1e-9);
    }

    @Test
    void refusesARangeFactorBelowTheToleranceAndASpaceWithoutTemperature() {
        assertThatThrownBy(() -> AnalyticalSeedGenerator.builder(new TemperatureSpace(MIN, MAX), 1).rangeFactor(1.1)
                .tolerance(1.25).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> AnalyticalSeedGenerator.builder(
                new org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace(0, 1), 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one TemperatureSpace");
    }

    @Test
    void temperatureSpaceMapsBothWaysLogUniformly() {
        TemperatureSpace t = new TemperatureSpace(MIN, MAX);
        assertThat(t.temperature(0)).isEqualTo(MIN);
        assertThat(t.temperature(1)).isEqualTo(MAX);
        assertThat(t.temperature(0.5)).isCloseTo(Math.sqrt(MIN * MAX), org.assertj.core.data.Offset.offset(1e-12));
        for (double u : new double[] {0.1, 0.37, 0.9}) {
            assertThat(t.coordinate(t.temperature(u))).isCloseTo(u, org.assertj.core.data.Offset.offset(1e-12));
        }
        double[] grid = t.logGrid(4);
        assertThat(grid[1] / grid[0]).isCloseTo(grid[3] / grid[2], org.assertj.core.data.Offset.offset(1e-9));
    }
}
