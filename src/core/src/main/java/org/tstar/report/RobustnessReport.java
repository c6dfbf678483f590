package org.tstar.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.tstar.model.TrialResult;
import org.tstar.search.SearchOutcome;
import org.tstar.search.trial.TrialRecord;

/**
 * The robustness report's {@code summary.md}: clean, noise, FGSM and PGD test accuracy at every temperature of a
 * grid, with and without adversarial training, and whether the claimed trend holds here: robust accuracy rising
 * with T (Spearman ρ over the grid) while clean accuracy pays a moderate price.
 */
public final class RobustnessReport {
    /** The trend is said to hold when PGD accuracy gains at least this much (pp) over the clean optimum's... */
    static final double MIN_GAIN_PP = 1.0;
    /** ...at a higher temperature whose clean accuracy is within this much (pp) of the best. */
    static final double MAX_COST_PP = 2.0;

    private RobustnessReport() {
    }

    /** What one training mode measured, trials sorted by temperature. */
    public record Mode(String name, List<TrialResult> trials) {
        public static Mode of(String name, SearchOutcome outcome) {
            List<TrialResult> done = new ArrayList<>(outcome.trials().stream().map(TrialRecord::result)
                    .filter(TrialResult::completed).toList());
            done.sort(Comparator.comparingDouble(TrialResult::temperature));
            return new Mode(name, List.copyOf(done));
        }
    }

    /**
     * One mode's trend: correlations with log T, the clean optimum, the most PGD-robust temperature among those
     * within {@link #MAX_COST_PP} of the best clean accuracy, and the trial nearest T = 1 (the default).
     */
    public record Trend(double rhoNoise, double rhoFgsm, double rhoPgd, TrialResult cleanBest, TrialResult pgdBest,
                        TrialResult atOne) {
        public double pgdGainPp() {
            return 100 * (pgdBest.robustness().pgdAccuracy() - cleanBest.robustness().pgdAccuracy());
        }

        public double cleanCostPp() {
            return 100 * (cleanBest.testAccuracy() - pgdBest.testAccuracy());
        }

        public double pgdGainOverOnePp() {
            return 100 * (pgdBest.robustness().pgdAccuracy() - atOne.robustness().pgdAccuracy());
        }

        public boolean holds() {
            return rhoPgd > 0 && pgdBest.temperature() > cleanBest.temperature() && pgdGainPp() >= MIN_GAIN_PP
                    && cleanCostPp() <= MAX_COST_PP;
        }
    }

    public static Trend trend(Mode mode) {
        List<TrialResult> t = mode.trials();
        if (t.size() < 3) {
            throw new IllegalArgumentException(mode.name() + ": a trend needs at least 3 completed trials, got " + t.size());
        }
        TrialResult cleanBest = t.stream().max(Comparator.comparingDouble(TrialResult::testAccuracy)).orElseThrow();
        double floor = cleanBest.testAccuracy() - MAX_COST_PP / 100 - 1e-12;
        TrialResult pgdBest = t.stream().filter(r -> r.testAccuracy() >= floor)
                .max(Comparator.comparingDouble((TrialResult r) -> r.robustness().pgdAccuracy())
                        .thenComparingDouble(TrialResult::testAccuracy)).orElseThrow();
        TrialResult atOne = t.stream().min(Comparator.comparingDouble(r -> Math.abs(Math.log(r.temperature()))))
                .orElseThrow();
        return new Trend(rho(t, r -> r.robustness().noiseAccuracy()), rho(t, r -> r.robustness().fgsmAccuracy()),
                rho(t, r -> r.robustness().pgdAccuracy()), cleanBest, pgdBest, atOne);
    }

    private static double rho(List<TrialResult> trials, ToDoubleFunction<TrialResult> measure) {
        double[] x = trials.stream().mapToDouble(r -> Math.log(r.temperature())).toArray();
        double[] y = trials.stream().mapToDouble(measure).toArray();
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
        }
        return new SpearmansCorrelation().correlation(x, y);
    }

    public static String markdown(String title, String settings, List<Mode> modes, String command) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n").append(settings).append("\n\n");
        md.append("| T |");
        for (Mode m : modes) {
            md.append(String.format(" %s: clean | noise | FGSM | PGD |", m.name()));
        }
        md.append("\n|---:|").append("---:|---:|---:|---:|".repeat(modes.size())).append('\n');
        for (int i = 0; i < modes.get(0).trials().size(); i++) {
            md.append(String.format(Locale.ROOT, "| %.3g |", modes.get(0).trials().get(i).temperature()));
            for (Mode m : modes) {
                TrialResult r = i < m.trials().size() ? m.trials().get(i) : null;
                md.append(r == null ? " — | — | — | — |" : String.format(Locale.ROOT, " %s | %s | %s | %s |",
                        pct(r.testAccuracy()), pct(r.robustness().noiseAccuracy()), pct(r.robustness().fgsmAccuracy()),
                        pct(r.robustness().pgdAccuracy())));
            }
            md.append('\n');
        }
        md.append("\nTest accuracy in %, each trained model measured on the same seeded test rows.\n\n## Trend\n\n")
                .append("| training | ρ(log T, noise) | ρ(log T, FGSM) | ρ(log T, PGD) | best clean: T, clean, PGD "
                        + "| most PGD-robust within " + String.format(Locale.ROOT, "%.0f", MAX_COST_PP) + " pp of it: T, clean, PGD "
                        + "| PGD gain (pp) | clean cost (pp) | nearest T = 1: T, clean, PGD | PGD gain over it (pp) | trend holds |\n")
                .append("|---|---:|---:|---:|---|---|---:|---:|---|---:|---|\n");
        for (Mode m : modes) {
            Trend t = trend(m);
            md.append(String.format(Locale.ROOT, "| %s | %+.2f | %+.2f | %+.2f | %.3g, %s, %s | %.3g, %s, %s | %+.1f | %+.1f "
                            + "| %.3g, %s, %s | %+.1f | %s |%n",
                    m.name(), t.rhoNoise(), t.rhoFgsm(), t.rhoPgd(), t.cleanBest().temperature(),
                    pct(t.cleanBest().testAccuracy()), pct(t.cleanBest().robustness().pgdAccuracy()),
                    t.pgdBest().temperature(), pct(t.pgdBest().testAccuracy()), pct(t.pgdBest().robustness().pgdAccuracy()),
                    t.pgdGainPp(), t.cleanCostPp(), t.atOne().temperature(), pct(t.atOne().testAccuracy()),
                    pct(t.atOne().robustness().pgdAccuracy()), t.pgdGainOverOnePp(), t.holds() ? "yes" : "no"));
        }
        md.append(String.format(Locale.ROOT, "%nThe trend (Xuan, Yang, Li 2025: robust accuracy rises with T at a moderate "
                + "clean-accuracy cost) is said to hold for a training mode when PGD accuracy correlates positively "
                + "with log T over the grid and the most PGD-robust temperature whose clean accuracy is within %2$.0f pp "
                + "of the best lies above the clean optimum, gaining ≥ %1$.0f pp of PGD accuracy. Temperatures are picked on test "
                + "accuracy here: this describes the curve, it does not select a model.%n%n%3$s",
                MIN_GAIN_PP, MAX_COST_PP, RunSummary.madeBy(command)));
        return md.toString();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", 100 * v) : "—";
    }
}
