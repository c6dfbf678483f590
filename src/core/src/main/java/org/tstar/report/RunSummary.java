package org.tstar.report;

import java.util.Locale;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.TrialResult;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.trial.TrialRecord;

/**
 * {@code summary.md}: the short human account of a run — T̂*, each strategy's chosen T and the test accuracy it
 * reached, the gap, the compute saved per measure, the runner's overhead, and the command that made it.
 */
public final class RunSummary {
    private RunSummary() {
    }

    public static String comparison(Comparison c, SearchSpaceDefinition space, String command) {
        StringBuilder md = new StringBuilder();
        String seeded = c.analytical().strategy().label();
        md.append("# ").append(space.name()).append(": ").append(seeded).append(" search vs Arbiter grid\n\n");
        md.append(task(space)).append('\n');
        md.append(estimate(c.estimate())).append("\n\n");
        md.append(failures(c.analytical())).append(failures(c.grid()));
        md.append("| | grid | ").append(seeded).append(" | saved |\n|---|---:|---:|---:|\n");
        for (Comparison.Saving s : c.savings()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f %% |%n", s.measure().replace('_', ' '),
                    quantity(s.grid()), quantity(s.analytical()), 100 * s.saved()));
        }
        md.append(String.format(Locale.ROOT, "| chosen T | %s | %s | |%n", temperature(Comparison.chosenTemperature(c.grid())),
                temperature(Comparison.chosenTemperature(c.analytical()))));
        md.append(String.format(Locale.ROOT, "| %s at chosen T | %s | %s | |%n", space.score().label(),
                score(c.grid()), score(c.analytical())));
        md.append(String.format(Locale.ROOT, "| **test accuracy at chosen T** | **%s** | **%s** | |%n%n",
                accuracy(Comparison.testAccuracy(c.grid())), accuracy(Comparison.testAccuracy(c.analytical()))));
        md.append(String.format(Locale.ROOT, "Accuracy gap (grid − %s, test): %+.2f percentage points. "
                        + "The %s search saved %.1f %% of the grid's FLOPs and %.1f %% of its training seconds.%n%n",
                seeded, 100 * c.accuracyGap(), seeded, 100 * c.saving("flops").saved(), 100 * c.saving("seconds").saved()));
        md.append(strategy(c.analytical()));
        md.append(strategy(c.grid()));
        md.append(madeBy(command));
        return md.toString();
    }

    public static String search(SearchOutcome o, AnalyticalTemperature.Estimate estimate, SearchSpaceDefinition space,
                                String command) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(space.name()).append(": ").append(o.strategy().label()).append(" search\n\n");
        md.append(task(space)).append('\n');
        md.append(estimate(estimate)).append("\n\n");
        md.append(failures(o));
        md.append(String.format(Locale.ROOT, "Chosen T = %s: %s %s, test accuracy %s. Compute: %d trials, %d epochs, "
                        + "%d sample passes, %.1f training seconds, %.3g FLOPs.%n%n",
                temperature(o.chosenResult().map(TrialResult::temperature).orElse(Double.NaN)), space.score().label(),
                score(o), accuracy(o.chosenResult().map(TrialResult::testAccuracy).orElse(Double.NaN)),
                o.trialCount(), o.epochs(), o.samplePasses(), o.trainingSeconds(), o.flops()));
        md.append(strategy(o));
        md.append(madeBy(command));
        return md.toString();
    }

    /**
     * The closing lines of every summary of a run that trained: which ND4J native build trained it (its trials
     * differ from another build's in the last digits) and the command that made it.
     */
    public static String madeBy(String command) {
        return org.tstar.model.Nd4jNativeBuild.statement() + "\n\nMade by: `" + command + "`\n";
    }

    /** A strategy whose every trial failed has no result: said first, in bold; some failures, in a line. */
    private static String failures(SearchOutcome o) {
        String pruned = o.prunedCount() == 0 ? "" : String.format(Locale.ROOT, "%d of the %s search's %d trials were "
                + "pruned: stopped after the epoch their learning curve fell below the rule's bar; their partial scores "
                + "guided the search, their epochs count in its compute, and none can be its pick.%n%n",
                o.prunedCount(), o.strategy().label(), o.trialCount());
        return pruned + failed(o);
    }

    private static String failed(SearchOutcome o) {
        if (o.failedCount() == 0) {
            return "";
        }
        if (o.chosen().isEmpty()) {
            return String.format(Locale.ROOT, "**Every trial of the %s search failed (%d of %d)**: it chose no "
                    + "temperature; the reasons are in its table below and in trials.csv. The run ended with exit code 3.%n%n",
                    o.strategy().label(), o.failedCount(), o.trialCount());
        }
        return String.format(Locale.ROOT, "%d of the %s search's %d trials failed (counted as its worst score; "
                + "reasons below).%n%n", o.failedCount(), o.strategy().label(), o.trialCount());
    }

    private static String task(SearchSpaceDefinition space) {
        return String.format(Locale.ROOT, "Data `%s`, head %s, %s lr %s, %d epochs, batch %d, seed %d; T in [%s, %s]; "
                        + "score: %s; parallelism %d.%n", space.data().source().spec(), space.head(),
                space.recipe().updater().name().toLowerCase(Locale.ROOT), space.recipe().learningRate(), space.recipe().epochs(),
                space.recipe().batchSize(), space.recipe().seed(), space.temperature().min(),
                space.temperature().max(), space.score().label(), space.parallelism());
    }

    private static String estimate(AnalyticalTemperature.Estimate e) {
        TemperatureCoefficients k = e.coefficients();
        if (e.prior() != null) {
            org.tstar.estimate.TransferPrior.Prediction p = e.prior();
            StringBuilder pulls = new StringBuilder();
            p.contributions().forEach(c -> pulls.append(String.format(Locale.ROOT, "; %s %.4g%s: ×%.3g", c.predictor(),
                    c.value(), c.clamped() ? " (clamped to the fitted range)" : "", Math.exp(c.logEffect()))));
            return String.format(Locale.ROOT, "Training-free estimate T̂* = %.4g (transfer prior '%s': %s; a task average in "
                            + "every predictor %.4g%s%s; expected error for this task ×%.2f, which set the range). The paper's "
                            + "formula would give %.4g.", e.temperature(), p.prior().name(), p.prior().formula(), p.baseline(),
                    pulls, p.clipped() ? ", clipped from " + String.format(Locale.ROOT, "%.4g", p.unclipped()) : "",
                    p.errorFactor(), e.formulaTemperature());
        }
        return String.format(Locale.ROOT, "Training-free estimate T̂* = %.4g (%s coefficients: α√M + β = %.4f × √%d %+.4f"
                        + "%s%s; C = %d%s).", e.temperature(), k.name(), k.alpha(), e.featureWidth(), e.intercept(),
                k.gamma() != 0 ? String.format(Locale.ROOT, ", γ ln csg = %+.4f (csg %.4f)", e.difficultyTerm(), e.csg()) : "",
                k.delta() != 0 ? String.format(Locale.ROOT, ", δ ln C = %+.4f", e.classTerm()) : "",
                e.classes(), e.clipped() ? ", clipped from " + String.format(Locale.ROOT, "%.4g", e.unclipped()) : "");
    }

    private static String strategy(SearchOutcome o) {
        StringBuilder md = new StringBuilder();
        SearchOutcome.RunnerOverhead overhead = o.overhead();
        md.append("## ").append(o.strategy().label()).append("\n\n").append(o.description()).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Wall %.1f s; runner start-up %.2f s; runner overhead per candidate %.1f ms "
                        + "(%.1f %% of the mean trial's %.2f s of training).%n%n", o.wallSeconds(), overhead.startupSeconds(),
                1000 * overhead.perCandidateSeconds(), 100 * overhead.perCandidateFraction(), overhead.meanTrainingSeconds()));
        md.append("| trial | T | status | val accuracy | val loss | test accuracy | seconds |\n|---:|---:|---|---:|---:|---:|---:|\n");
        for (TrialRecord r : o.trials()) {
            TrialResult t = r.result();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %.2f |%n", r.trial(),
                    temperature(t.temperature()), t.completed() ? "completed" : t.pruned() ? "pruned after epoch " + t.epochs() : "failed: " + t.failureReason(),
                    accuracy(t.validationAccuracy()), number(t.validationLoss()), accuracy(t.testAccuracy()), t.seconds()));
        }
        md.append('\n');
        return md.toString();
    }

    private static String score(SearchOutcome o) {
        return o.chosenResult().map(r -> o.score().minimize() ? number(r.validationLoss()) : accuracy(r.validationAccuracy()))
                .orElse("—");
    }

    /** Formats shared with the console, so what a run prints matches its reports digit for digit. */
    public static String temperature(double t) {
        return Double.isFinite(t) ? String.format(Locale.ROOT, "%.4g", t) : "—";
    }

    public static String accuracy(double a) {
        return Double.isFinite(a) ? String.format(Locale.ROOT, "%.4f", a) : "—";
    }

    public static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "—";
    }

    /** A measure: whole numbers in full with thousands separators, others at 6 significant digits. */
    public static String quantity(double x) {
        if (!Double.isFinite(x)) {
            return "—";
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) x)
                : String.format(Locale.ROOT, "%.6g", x);
    }
}
