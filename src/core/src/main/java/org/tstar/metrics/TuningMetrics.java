package org.tstar.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.trial.Strategy;

/**
 * The Micrometer meters of temperature tuning (DESIGN §4), all prefixed {@code tstar.} and tagged only with
 * bounded values (strategy, status, measure; the space name as a common tag the caller sets on the registry):
 * trials by strategy and status, trial duration and trials running, compute spent, the best validation accuracy
 * and chosen temperature by strategy, the analytical T̂*, and the comparison's compute-saved ratios and accuracy
 * gap. Trial events arrive through {@link #listener(Strategy)}, an Arbiter status listener.
 */
public final class TuningMetrics implements MeterBinder {
    static final String[] MEASURES = {"trials", "epochs", "sample_passes", "seconds", "flops"};

    /** A gauge's current value; NaN until something is known. */
    static final class Value {
        private volatile double value = Double.NaN;

        double get() {
            return value;
        }

        void set(double v) {
            value = v;
        }
    }

    /** The meters of one strategy, registered when its search starts. */
    final class StrategyMeters {
        final Strategy strategy;
        final Counter completed;
        final Counter failed;
        final Counter pruned;
        /** Epochs the pruned trials did not train: the recipe's epochs less those they used. */
        final Counter epochsSaved;
        final Timer duration;
        final LongTaskTimer running;
        final Counter epochs;
        final Counter samplePasses;
        final Counter flops;
        final Value bestAccuracy = new Value();
        final Value chosenTemperature = new Value();
        /** Test accuracy of the chosen trial, clean and under each robustness measure (NaN until measured). */
        final Map<String, Value> chosenAccuracy = new java.util.LinkedHashMap<>();
        /** Each trial's test accuracy under each robustness measure the space asks for. */
        final Map<String, DistributionSummary> trialAccuracy = new java.util.LinkedHashMap<>();

        StrategyMeters(Strategy strategy) {
            this.strategy = strategy;
            Tags tags = Tags.of("strategy", strategy.label());
            completed = Counter.builder("tstar.trials").description("Trials ended, by strategy and status")
                    .tags(tags).tag("status", "completed").register(registry);
            failed = Counter.builder("tstar.trials").description("Trials ended, by strategy and status")
                    .tags(tags).tag("status", "failed").register(registry);
            pruned = Counter.builder("tstar.trials").description("Trials ended, by strategy and status")
                    .tags(tags).tag("status", "pruned").register(registry);
            epochsSaved = Counter.builder("tstar.epochs.pruned")
                    .description("Epochs pruned trials did not train (the recipe's epochs less those used)")
                    .tags(tags).register(registry);
            duration = Timer.builder("tstar.trial.duration").description("Training time of one trial")
                    .tags(tags).register(registry);
            running = LongTaskTimer.builder("tstar.trials.running").description("Trials in progress")
                    .tags(tags).register(registry);
            epochs = Counter.builder("tstar.epochs").description("Training epochs spent").tags(tags).register(registry);
            samplePasses = Counter.builder("tstar.sample.passes")
                    .description("Forward and backward passes of one training sample").tags(tags).register(registry);
            flops = Counter.builder("tstar.flops")
                    .description("FLOPs spent: training (6 x parameters x sample passes) and learning-curve evaluations")
                    .tags(tags).register(registry);
            Gauge.builder("tstar.best.validation.accuracy", bestAccuracy, Value::get)
                    .description("Best validation accuracy so far").tags(tags).register(registry);
            Gauge.builder("tstar.chosen.temperature", chosenTemperature, Value::get)
                    .description("Temperature of the best trial so far").tags(tags).register(registry);
            for (String measure : ACCURACY_MEASURES) {
                Value v = new Value();
                chosenAccuracy.put(measure, v);
                Gauge.builder("tstar.chosen.test.accuracy", v, Value::get).tags(tags).tag("measure", measure)
                        .description("Test accuracy of the chosen trial: clean, under Gaussian noise, FGSM or PGD")
                        .register(registry);
                if (!measure.equals("clean")) {
                    trialAccuracy.put(measure, DistributionSummary.builder("tstar.trial.robust.accuracy").tags(tags)
                            .tag("measure", measure).description("Test accuracy of each trial under a perturbation")
                            .register(registry));
                }
            }
        }

        /** A finished trial's robustness measures (those the space asks for). */
        void recordRobustness(org.tstar.robustness.Robustness r) {
            record(trialAccuracy.get("noise"), r.noiseAccuracy());
            record(trialAccuracy.get("fgsm"), r.fgsmAccuracy());
            record(trialAccuracy.get("pgd"), r.pgdAccuracy());
        }

        private static void record(DistributionSummary summary, double value) {
            if (!Double.isNaN(value)) {
                summary.record(value);
            }
        }
    }

    static final List<String> ACCURACY_MEASURES = List.of("clean", "noise", "fgsm", "pgd");

    private MeterRegistry registry;
    private final Map<Strategy, StrategyMeters> strategies = new EnumMap<>(Strategy.class);
    private final Value estimate = new Value();
    private final Value accuracyGap = new Value();
    private final Map<String, Value> saved = new java.util.LinkedHashMap<>();

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
        Gauge.builder("tstar.estimated.temperature", estimate, Value::get)
                .description("Training-free estimate T-hat* of the optimal temperature").register(registry);
        Gauge.builder("tstar.accuracy.gap", accuracyGap, Value::get)
                .description("Test accuracy of the grid's choice minus the analytical search's").register(registry);
        for (String measure : MEASURES) {
            Value v = new Value();
            saved.put(measure, v);
            Gauge.builder("tstar.compute.saved.ratio", v, Value::get).tag("measure", measure)
                    .description("1 - analytical / grid compute").register(registry);
        }
    }

    /** The meters of {@code strategy}, registering them on first use. */
    synchronized StrategyMeters meters(Strategy strategy) {
        if (registry == null) {
            throw new IllegalStateException("bind TuningMetrics to a registry before a search starts");
        }
        return strategies.computeIfAbsent(strategy, StrategyMeters::new);
    }

    /** An Arbiter status listener that records {@code strategy}'s trials; add it to that strategy's runner. */
    public ArbiterMetricsListener listener(Strategy strategy) {
        return listener(strategy, 0);
    }

    /** As {@link #listener(Strategy)}, counting the epochs pruned trials saved against a recipe of {@code epochs}. */
    public ArbiterMetricsListener listener(Strategy strategy, int epochs) {
        return new ArbiterMetricsListener(meters(strategy), epochs);
    }

    public void recordEstimate(double temperature) {
        estimate.set(temperature);
    }

    /** A finished search: its chosen temperature and best validation accuracy, by the reports' own rule. */
    public void recordOutcome(SearchOutcome outcome) {
        StrategyMeters m = meters(outcome.strategy());
        outcome.chosenResult().ifPresent(r -> {
            m.chosenTemperature.set(r.temperature());
            m.bestAccuracy.set(r.validationAccuracy());
            m.chosenAccuracy.get("clean").set(r.testAccuracy());
            m.chosenAccuracy.get("noise").set(r.robustness().noiseAccuracy());
            m.chosenAccuracy.get("fgsm").set(r.robustness().fgsmAccuracy());
            m.chosenAccuracy.get("pgd").set(r.robustness().pgdAccuracy());
        });
    }

    /** A finished comparison: both outcomes, the saved ratio of every compute measure, the accuracy gap. */
    public void recordComparison(Comparison comparison) {
        recordEstimate(comparison.estimate().temperature());
        recordOutcome(comparison.analytical());
        recordOutcome(comparison.grid());
        for (Comparison.Saving s : comparison.savings()) {
            saved.get(s.measure()).set(s.saved());
        }
        accuracyGap.set(comparison.accuracyGap());
    }
}
