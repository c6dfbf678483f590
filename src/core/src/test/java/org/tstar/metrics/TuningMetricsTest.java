package org.tstar.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tstar.search.Comparison;
import org.tstar.search.KnownCurves;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;

/** tstar's meters after a small comparison (known curve, no training) against what the comparison reports. */
class TuningMetricsTest {
    static MeterRegistry registry;
    static Comparison comparison;

    @BeforeAll
    static void runComparison() {
        registry = new SimpleMeterRegistry();
        registry.config().commonTags("space", "digits-linear");
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(registry);
        SearchSpaceDefinition space = KnownCurves.space("parallelism: 1");
        SearchTask task = KnownCurves.task(space, 1.5, KnownCurves.trial(KnownCurves.bump(4)));
        metrics.recordEstimate(1.5);
        comparison = Comparison.run(task, r -> { }, s -> List.of(metrics.listener(s)));
        metrics.recordComparison(comparison);
    }

    static double counter(String name, String strategy, String... tags) {
        return registry.get(name).tag("strategy", strategy).tags(tags).counter().count();
    }

    @Test
    void trialCountsAndComputeEqualTheOutcomes() {
        for (SearchOutcome o : List.of(comparison.analytical(), comparison.grid())) {
            String s = o.strategy().label();
            assertThat(counter("tstar.trials", s, "status", "completed")).isEqualTo(o.trialCount() - o.failedCount());
            assertThat(counter("tstar.trials", s, "status", "failed")).isEqualTo(o.failedCount());
            assertThat(counter("tstar.epochs", s)).isEqualTo(o.epochs());
            assertThat(counter("tstar.sample.passes", s)).isEqualTo(o.samplePasses());
            assertThat(counter("tstar.flops", s)).isEqualTo(o.flops());
            assertThat(registry.get("tstar.trial.duration").tag("strategy", s).timer().count()).isEqualTo(o.trialCount());
            assertThat(registry.get("tstar.trials.running").tag("strategy", s).longTaskTimer().activeTasks()).isZero();
            assertThat(registry.get("tstar.best.validation.accuracy").tag("strategy", s).gauge().value())
                    .isEqualTo(o.chosenResult().orElseThrow().validationAccuracy());
            assertThat(registry.get("tstar.chosen.temperature").tag("strategy", s).gauge().value())
                    .isEqualTo(o.chosenResult().orElseThrow().temperature());
        }
        assertThat(counter("tstar.trials", "grid", "status", "completed")).isEqualTo(25);
    }

    @Test
    void comparisonGaugesEqualTheReport() {
        for (Comparison.Saving s : comparison.savings()) {
            assertThat(registry.get("tstar.compute.saved.ratio").tag("measure", s.measure()).gauge().value())
                    .isEqualTo(s.saved());
        }
        assertThat(registry.get("tstar.compute.saved.ratio").tag("measure", "trials").gauge().value())
                .isEqualTo(1 - comparison.analytical().trialCount() / 25.0);
        assertThat(registry.get("tstar.accuracy.gap").gauge().value()).isEqualTo(comparison.accuracyGap());
        assertThat(registry.get("tstar.estimated.temperature").gauge().value()).isEqualTo(1.5);
    }

    @Test
    void everyMeterIsPrefixedAndTaggedOnlyWithBoundedValues() {
        List<String> allowed = List.of("space", "strategy", "status", "measure");
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getName()).startsWith("tstar.");
            for (Tag t : m.getId().getTags()) {
                assertThat(allowed).contains(t.getKey());
                assertThat(t.getValue()).doesNotMatch("-?[0-9.eE+-]+");
            }
            assertThat(m.getId().getTag("space")).isEqualTo("digits-linear");
        }
        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).distinct()).containsExactlyInAnyOrder(
                "tstar.trials", "tstar.trial.duration", "tstar.trials.running", "tstar.epochs", "tstar.epochs.pruned",
                "tstar.sample.passes",
                "tstar.flops", "tstar.best.validation.accuracy", "tstar.chosen.temperature",
                "tstar.estimated.temperature", "tstar.accuracy.gap", "tstar.compute.saved.ratio",
                "tstar.chosen.test.accuracy", "tstar.trial.robust.accuracy");
        // the strategy tag takes one of the enum's six labels: bounded
        assertThat(Strategy.values()).hasSize(6);
    }

    @Test
    void theRunningTimerCountsEachTrialWhileItTrains() {
        MeterRegistry own = new SimpleMeterRegistry();
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(own);
        List<Double> activeDuringTrials = new java.util.ArrayList<>();
        org.tstar.search.trial.TemperatureTrial observed = t -> {
            activeDuringTrials.add((double) own.get("tstar.trials.running").tag("strategy", "grid").longTaskTimer().activeTasks());
            return KnownCurves.trial(KnownCurves.bump(1)).run(t);
        };
        SearchTask task = KnownCurves.task(KnownCurves.space("parallelism: 1"), 1.0, observed);
        SearchOutcome grid = task.run(Strategy.GRID, r -> { }, List.of(metrics.listener(Strategy.GRID)));
        assertThat(activeDuringTrials).hasSize(grid.trialCount()).containsOnly(1.0);
        assertThat(own.get("tstar.trials.running").tag("strategy", "grid").longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void robustnessMetersCountEveryMeasuredTrialAndShowTheChosenTrialsAccuracies() {
        MeterRegistry own = new SimpleMeterRegistry();
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(own);
        // PGD accuracy rises with T on this made-up model; noise and FGSM are not measured
        org.tstar.search.trial.TemperatureTrial robust = t -> {
            org.tstar.model.TrialResult r = KnownCurves.trial(KnownCurves.bump(1)).run(t);
            return new org.tstar.model.TrialResult(r.temperature(), r.status(), r.failureReason(), r.epochs(),
                    r.samplePasses(), r.seconds(), r.flops(), r.validationAccuracy(), r.validationLoss(), r.testAccuracy(),
                    new org.tstar.robustness.Robustness(Double.NaN, Double.NaN, t / (1 + t), Double.NaN));
        };
        SearchTask task = KnownCurves.task(KnownCurves.space("parallelism: 1"), 1.0, robust);
        SearchOutcome grid = task.run(Strategy.GRID, r -> { }, List.of(metrics.listener(Strategy.GRID)));
        metrics.recordOutcome(grid);
        assertThat(own.get("tstar.trial.robust.accuracy").tag("strategy", "grid").tag("measure", "pgd").summary().count())
                .isEqualTo(grid.trialCount());
        assertThat(own.get("tstar.trial.robust.accuracy").tag("measure", "fgsm").summary().count()).isZero();
        org.tstar.model.TrialResult chosen = grid.chosenResult().orElseThrow();
        assertThat(own.get("tstar.chosen.test.accuracy").tag("measure", "pgd").gauge().value())
                .isEqualTo(chosen.robustness().pgdAccuracy());
        assertThat(own.get("tstar.chosen.test.accuracy").tag("measure", "clean").gauge().value()).isEqualTo(chosen.testAccuracy());
        assertThat(own.get("tstar.chosen.test.accuracy").tag("measure", "noise").gauge().value()).isNaN();
    }
}
