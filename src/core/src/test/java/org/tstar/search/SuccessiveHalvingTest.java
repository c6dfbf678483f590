package org.tstar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;
import org.tstar.model.EpochObserver;
import org.tstar.model.TrialResult;
import org.tstar.model.TrialStatus;
import org.tstar.search.fidelity.FidelitySchedule;
import org.tstar.search.fidelity.HalvingBracket;
import org.tstar.search.fidelity.SuccessiveHalvingPruner;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.fidelity.PercentilePrunerTest;
import org.tstar.search.trial.TrialRecord;

/**
 * Successive halving on a known family of learning curves, through Arbiter's runner and tstar's task creator (no
 * training): each rung keeps exactly the best 1/η of the trials that reached it, promoted trials continue where
 * they stopped, the pick is a trial trained to the full recipe, the epochs spent never exceed the plan's budget,
 * and no more than {@code parallelism} trials compute at once however many wait at a rung.
 */
class SuccessiveHalvingTest {
    private static final int EPOCHS = 10;

    /** The curve family of {@link PercentilePrunerTest}: best at T = 1, and further from it lower at every epoch. */
    static double accuracy(double temperature, int epoch) {
        return PercentilePrunerTest.accuracy(temperature, epoch);
    }

    /** A trial that walks the curve epoch by epoch, telling the observer, and counts how many compute at once. */
    static final class CurveTrial implements TemperatureTrial {
        final AtomicInteger computing = new AtomicInteger();
        final AtomicInteger mostComputing = new AtomicInteger();
        final List<Double> throwsAt = new ArrayList<>();

        @Override
        public TrialResult run(double temperature) {
            return run(temperature, EpochObserver.NONE);
        }

        @Override
        public TrialResult run(double temperature, EpochObserver observer) {
            if (throwsAt.contains(temperature)) {
                throw new IllegalStateException("diverged");
            }
            for (int e = 1; e <= EPOCHS; e++) {
                mostComputing.accumulateAndGet(computing.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                computing.decrementAndGet();
                double a = accuracy(temperature, e);
                boolean goOn = observer.epochEnded(e, 100L * e, a, 1 - a);
                if (e < EPOCHS && !goOn) {
                    return new TrialResult(temperature, TrialStatus.PRUNED, "pruned after epoch " + e, e, 100L * e,
                            0.001, 1e6, a, 1 - a, Double.NaN, org.tstar.robustness.Robustness.NONE, 0);
                }
            }
            double a = accuracy(temperature, EPOCHS);
            return new TrialResult(temperature, TrialStatus.COMPLETED, "", EPOCHS, 100L * EPOCHS, 0.001, 1e6, a, 1 - a, a);
        }
    }

    private static SearchTask task(String settings, double estimate, TemperatureTrial trial) {
        return KnownCurves.task(KnownCurves.space(settings, EPOCHS), estimate, trial);
    }

    @Test
    void theLadderAndThePlanFollowEtaAndTheBudget() {
        assertThat(FidelitySchedule.ladder(10, 3, 1)).containsExactly(1, 3, 10);
        assertThat(FidelitySchedule.ladder(20, 3, 1)).containsExactly(1, 2, 6, 20);
        assertThat(FidelitySchedule.ladder(10, 2, 2)).as("the defaults for 10 epochs").containsExactly(2, 5, 10);
        assertThat(FidelitySchedule.ladder(8, 2, 2)).containsExactly(2, 4, 8);
        assertThat(FidelitySchedule.ladder(2, 3, 1)).containsExactly(1, 2);
        assertThat(FidelitySchedule.ladder(1, 3, 1)).containsExactly(1);
        // 25 epochs on rungs 1, 3, 10: 10 + 4·2 + 7 = 25; an eleventh first-rung trial would cost 26
        FidelitySchedule plan = FidelitySchedule.largestWithin(List.of(1, 3, 10), 3, 25, 2);
        assertThat(plan.populations()).containsExactly(10, 4, 1);
        assertThat(plan.cost()).isEqualTo(25);
        assertThat(plan.secondWave()).isEqualTo(2);
        assertThat(FidelitySchedule.largestWithin(List.of(1, 3, 10), 3, 11, 2).populations()).as("two looks, one full")
                .containsExactly(2, 1, 1);
        assertThat(FidelitySchedule.largestWithin(List.of(1, 3, 10), 3, 10.9, 2)).isNull();
        assertThatThrownBy(() -> task("parallelism: 1\nsuccessiveHalving: {budget: 1.05, eta: 3, minEpochs: 1}", 1, new CurveTrial())
                .halving(Strategy.ANALYTICAL_SH)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("successiveHalving.budget 1.05").hasMessageContaining("need 11");
    }

    @Test
    void eachRungKeepsExactlyTheBestHalfAndThePickIsAFullTrial() {
        CurveTrial trial = new CurveTrial();
        SearchTask task = task("parallelism: 1", 3.0, trial);
        SearchOutcome outcome = task.run(Strategy.ANALYTICAL_SH, r -> { });
        FidelitySchedule plan = task.halving(Strategy.ANALYTICAL_SH).brackets().get(0).schedule();
        // the defaults for 10 epochs: η 2, first rung at a quarter, 25 epochs: 5 at 2 → 3 at 5 → 1 at 10 (24 epochs)
        assertThat(plan.rungs()).containsExactly(2, 5, 10);
        assertThat(plan.populations()).containsExactly(5, 3, 1);
        assertThat(plan.secondWave()).isEqualTo(2);
        assertThat(outcome.trialCount()).isEqualTo(plan.trials());
        List<TrialRecord> reached = outcome.trials();
        for (int k = 0; k < plan.rungs().size() - 1; k++) {
            int epoch = plan.rungs().get(k);
            List<TrialRecord> ranked = reached.stream()
                    .sorted(Comparator.comparingDouble(r -> -accuracy(r.result().temperature(), epoch))).toList();
            List<TrialRecord> kept = ranked.subList(0, plan.populations().get(k + 1));
            List<TrialRecord> dropped = ranked.subList(plan.populations().get(k + 1), ranked.size());
            assertThat(dropped).as("pruned at rung " + k).allSatisfy(r -> {
                assertThat(r.result().status()).isEqualTo(TrialStatus.PRUNED);
                assertThat(r.result().epochs()).isEqualTo(epoch);
            });
            assertThat(kept).as("promoted past rung " + k).allSatisfy(r -> assertThat(r.result().epochs()).isGreaterThan(epoch));
            reached = kept;
        }
        TrialRecord pick = outcome.chosen().orElseThrow();
        assertThat(reached).containsExactly(pick);
        assertThat(pick.result().epochs()).isEqualTo(EPOCHS);
        assertThat(pick.result().status()).isEqualTo(TrialStatus.COMPLETED);
        // on this family the ranking holds at every epoch, so the eventual best of the bracket is never pruned
        double bestTried = outcome.trials().stream().mapToDouble(r -> accuracy(r.result().temperature(), EPOCHS)).max().orElseThrow();
        assertThat(accuracy(pick.result().temperature(), EPOCHS)).isEqualTo(bestTried);
        assertThat(outcome.epochs()).isEqualTo(plan.cost()).isLessThanOrEqualTo((long) (2.5 * EPOCHS));
    }

    @Test
    void noStrategyEverSpendsMoreThanItsBudgetOrComputesMoreThanItsParallelism() {
        for (int parallelism : new int[]{1, 3}) {
            List<String> settings = parallelism == 1 ? List.of("{budget: 2.5}", "{budget: 4, eta: 3, minEpochs: 1}")
                    : List.of("{budget: 1.5, eta: 4}", "{budget: 10}");
            for (String h : settings) {
                for (Strategy s : List.of(Strategy.ANALYTICAL_SH, Strategy.SH, Strategy.HYPERBAND)) {
                    CurveTrial trial = new CurveTrial();
                    SearchTask task = task("parallelism: " + parallelism + "\nsuccessiveHalving: " + h, 0.2, trial);
                    SuccessiveHalvingPruner plan = task.halving(s);
                    SearchOutcome outcome = task.run(s, r -> { });
                    double budget = task.space().successiveHalving().budget() * EPOCHS;
                    String what = s.label() + " " + h + " parallelism " + parallelism;
                    assertThat((double) outcome.epochs()).as(what).isLessThanOrEqualTo(plan.plannedEpochs())
                            .isLessThanOrEqualTo(budget);
                    assertThat(outcome.chosen()).as(what).isPresent();
                    assertThat(trial.mostComputing.get()).as(what).isBetween(1, parallelism);
                }
            }
        }
    }

    @Test
    void theSeededBracketCatchesAnEstimateTwentyTimesTooHigh() {
        // 2.5 full trials buy five temperatures: T̂* ÷ 30, T̂*, the upper bound, then two beyond the low edge
        SearchOutcome outcome = task("parallelism: 1", 20, new CurveTrial()).run(Strategy.ANALYTICAL_SH, r -> { });
        double picked = outcome.chosen().orElseThrow().result().temperature();
        assertThat(Math.abs(Math.log(picked))).as("picked T = " + picked + " for the optimum 1").isLessThan(Math.log(2));
    }

    @Test
    void aTrialThatThrowsBeforeItsRungIsRankedLastAndTheSearchEnds() {
        CurveTrial trial = new CurveTrial();
        SearchTask task = task("parallelism: 2", 1, trial);
        HalvingBracket bracket = task.halving(Strategy.ANALYTICAL_SH).brackets().get(0);
        List<Double> first = bracket.start().firstWave(bracket.schedule().firstWave());
        trial.throwsAt.add(first.get(0));
        trial.throwsAt.add(first.get(1));
        SearchOutcome outcome = task.run(Strategy.ANALYTICAL_SH, r -> { });
        assertThat(outcome.failedCount()).isEqualTo(2);
        assertThat(outcome.chosen()).isPresent();
        assertThat(outcome.chosen().get().result().temperature()).isNotIn(first.get(0), first.get(1));
    }

    @Test
    void hyperbandRunsTheBracketsItsBudgetAffords() {
        SearchTask task = task("parallelism: 1\nsuccessiveHalving: {budget: 10, eta: 3, minEpochs: 1}", 1, new CurveTrial());
        SuccessiveHalvingPruner hyperband = task.halving(Strategy.HYPERBAND);
        // s = 2: 9 at 1 → 3 at 3 → 1 at 10 (22 epochs); s = 1: 5 at 3 → 1 at 10 (22); s = 0: 3 at 10 (30)
        assertThat(hyperband.brackets()).extracting(b -> b.schedule().populations())
                .containsExactly(List.of(9, 3, 1), List.of(5, 1), List.of(3));
        assertThat(hyperband.plannedEpochs()).isEqualTo(74);
        SearchOutcome outcome = task.run(Strategy.HYPERBAND, r -> { });
        assertThat(outcome.trialCount()).isEqualTo(17);
        assertThat(outcome.trials().stream().filter(r -> r.result().completed())).hasSize(5);
    }
}
