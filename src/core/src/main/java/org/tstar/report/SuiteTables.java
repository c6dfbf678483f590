package org.tstar.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tstar.report.BenchmarkTable.Row;

/**
 * The tables a benchmark suite's {@code summary.md} and docs/benchmarks.md show, made from its {@code tasks.csv}
 * rows: results per task (means over seeds ± their spread), the searches at equal compute, where the seeded search
 * missed and why, and the headline figures against the targets. It formats; the rows are {@link BenchmarkTable}'s.
 */
public final class SuiteTables {
    private SuiteTables() {
    }

    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] column(List<Row> rows, String column) {
        return rows.stream().mapToDouble(r -> r.number(column)).toArray();
    }

    /** Mean and sample standard deviation of a task's column over its seeds. */
    private static String meanSpread(List<Row> rows, String column, double scale, String format) {
        double[] v = Arrays.stream(column(rows, column)).filter(Double::isFinite).map(x -> x * scale).toArray();
        if (v.length == 0) {
            return "—";
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length == 1) {
            return String.format(Locale.ROOT, format, mean);
        }
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        return String.format(Locale.ROOT, format + " ± " + format, mean, sd);
    }

    /** The results table docs/benchmarks.md shows: one line per task (means over seeds, ± their spread). */
    public static String resultsTable(List<Row> rows) {
        StringBuilder md = new StringBuilder("| task | M | C | T̂* (paper) | grid T* | analytical T* | trials grid / analytical "
                + "| epochs saved | test acc. grid | gap analytical (pp) | gap random, same trials (pp) | gap T̂* alone (pp) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.text("task"), t -> new ArrayList<>()).add(r));
        byTask.forEach((task, own) -> {
            Row first = own.get(0);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |%n", task,
                    first.text("M"), first.text("C"), meanSpread(own, "t_hat_paper", 1, "%.3g"),
                    meanSpread(own, "grid_t", 1, "%.3g"), meanSpread(own, "analytical_t", 1, "%.3g"),
                    meanSpread(own, "grid_trials", 1, "%.0f"), meanSpread(own, "analytical_trials", 1, "%.1f"),
                    meanSpread(own, "saved_epochs", 100, "%.0f %%"), meanSpread(own, "grid_test_accuracy", 1, "%.4f"),
                    meanSpread(own, "gap_pp", 1, "%+.2f"), meanSpread(own, "random_gap_pp", 1, "%+.2f"),
                    meanSpread(own, "t_hat_gap_pp", 1, "%+.2f")));
        });
        return md.append("\nAt equal compute (the seeded successive halving's budget):\n\n").append(equalComputeTable(rows))
                .toString();
    }

    /**
     * The equal-compute table: per task, each multi-fidelity search's (and random search cut to the same epochs)
     * epochs as a share of the grid's, and its test-accuracy gap to the grid's pick.
     */
    public static String equalComputeTable(List<Row> rows) {
        StringBuilder md = new StringBuilder("| task | grid T* | T̂* | analytical-sh T* | epochs, % of grid: analytical-sh "
                + "/ random / sh / hyperband | gap analytical-sh (pp) | gap random, equal epochs (pp) | gap sh (pp) "
                + "| gap hyperband (pp) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.text("task"), t -> new ArrayList<>()).add(r));
        byTask.forEach((task, own) -> {
            List<String> shares = new ArrayList<>();
            // in the order of the header and of the gap columns: the seeded search first, then its baselines
            for (String p : List.of("analytical_sh", "random_eq", "sh", "hyperband")) {
                double[] v = own.stream().mapToDouble(r -> 100 * r.number(p + "_epochs") / r.number("grid_epochs")).toArray();
                shares.add(String.format(Locale.ROOT, "%.1f", Arrays.stream(v).average().orElse(Double.NaN)));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", task,
                    meanSpread(own, "grid_t", 1, "%.3g"), meanSpread(own, "t_hat_paper", 1, "%.3g"),
                    meanSpread(own, "analytical_sh_t", 1, "%.3g"), String.join(" / ", shares),
                    meanSpread(own, "analytical_sh_gap_pp", 1, "%+.2f"), meanSpread(own, "random_eq_gap_pp", 1, "%+.2f"),
                    meanSpread(own, "sh_gap_pp", 1, "%+.2f"), meanSpread(own, "hyperband_gap_pp", 1, "%+.2f")));
        });
        return md.toString();
    }

    /**
     * For each missed target, which runs missed it and how their temperatures sat, and what would change it:
     * generated from the rows, so the summary explains its own misses.
     */
    public static String misses(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        double[] spent = Arrays.stream(column(rows, "saved_epochs")).map(x -> 1 - x).toArray();
        if (median(spent) > 0.10) {
            int[] trials = rows.stream().mapToInt(r -> (int) r.number("analytical_trials")).sorted().toArray();
            double gridTrials = median(column(rows, "grid_trials"));
            md.append(String.format(Locale.ROOT, "- Epochs: the analytical search ran %d–%d trials (median %.0f) against a "
                            + "median grid of %.0f; 10 %% of it is %.1f trials. Its bracket needs about five trials to "
                            + "confirm a maximum; a lower `analytical.maxTrials` or a wider `tolerance` spends less and "
                            + "confirms less.%n", trials[0], trials[trials.length - 1], median(Arrays.stream(trials)
                            .asDoubleStream().toArray()), gridTrials, 0.1 * gridTrials));
        }
        List<Row> worse = rows.stream().filter(r -> r.number("gap_pp") > 0.5)
                .sorted((a, b) -> Double.compare(b.number("gap_pp"), a.number("gap_pp"))).toList();
        for (Row r : worse) {
            md.append(String.format(Locale.ROOT, "- Gap %+.2f pp on %s (seed %s, head %s): T̂* = %.3g is %s the grid's "
                            + "T* = %.3g; the analytical search chose %.3g (%s the grid's) after %s trials.%s%n",
                    r.number("gap_pp"), r.text("task"), r.text("seed"), r.text("head"), r.number("t_hat_paper"),
                    times(ratio(r)), r.number("grid_t"), r.number("analytical_t"),
                    times(r.number("analytical_t") / r.number("grid_t")), r.text("analytical_trials"),
                    r.text("head").startsWith("cosine")
                            ? " The estimate models BN + linear logits; a cosine head's optimum needs its own coefficients."
                            : ""));
        }
        double[] shSpent = shares(rows, "analytical_sh");
        if (median(shSpent) > 0.05) {
            List<String> over = new ArrayList<>();
            for (Row r : rows) {
                double share = r.number("analytical_sh_epochs") / r.number("grid_epochs");
                if (share > 0.05) {
                    over.add(String.format(Locale.ROOT, "%s %.1f %% (%s of %s epochs, grid of %s)", r.text("task"), 100 * share,
                            r.text("analytical_sh_epochs"), r.text("grid_epochs"), r.text("grid_trials")));
                }
            }
            md.append("- Epochs (seeded successive halving): over 5 % of the grid's on ").append(String.join("; ", over))
                    .append(". Its plan is set by `successiveHalving.budget` in full trials (2.5 by default, 4.9 % of "
                            + "a 51-point grid); against a smaller grid the same budget is a larger share.\n");
        }
        for (Row r : rows.stream().filter(r -> r.number("analytical_sh_gap_pp") > 0.5)
                .sorted((a, b) -> Double.compare(b.number("analytical_sh_gap_pp"), a.number("analytical_sh_gap_pp"))).toList()) {
            md.append(String.format(Locale.ROOT, "- Seeded successive halving %+.2f pp on %s (seed %s, head %s): T̂* = %.3g "
                            + "is %s the grid's T* = %.3g; it chose %.3g (%s the grid's) after %s trials, %s epochs; %s "
                            + "Random search at equal epochs %+.2f pp, successive halving without the seed %+.2f pp.%n",
                    r.number("analytical_sh_gap_pp"), r.text("task"), r.text("seed"), r.text("head"),
                    r.number("t_hat_paper"), times(ratio(r)), r.number("grid_t"), r.number("analytical_sh_t"),
                    times(r.number("analytical_sh_t") / r.number("grid_t")), r.text("analytical_sh_trials"),
                    r.text("analytical_sh_epochs"), whyHalvingMissed(r), r.number("random_eq_gap_pp"), r.number("sh_gap_pp")));
        }
        List<Row> estimateMisses = rows.stream().filter(r -> !(r.number("t_hat_gap_pp") <= 0.2)).toList();
        if ((double) (rows.size() - estimateMisses.size()) / rows.size() < 0.7) {
            md.append("- T̂* alone missed the grid by more than 0.2 pp on ").append(estimateMisses.size()).append(" runs: ");
            List<String> parts = new ArrayList<>();
            for (Row r : estimateMisses) {
                parts.add(String.format(Locale.ROOT, "%s %+.2f pp (T̂* %s the grid's T*)", r.text("task"),
                        r.number("t_hat_gap_pp"), times(ratio(r))));
            }
            md.append(String.join("; ", parts)).append(". Refitting the coefficients on these reports (`tstar fit`) "
                    + "moves T̂* toward the grid's optima; fit.md says how far it gets on datasets it has not seen.\n");
        }
        return md.toString();
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 100 ? "×%.0f" : "×%.2g", ratio);
    }

    private static double ratio(Row r) {
        return r.number("t_hat_paper") / r.number("grid_t");
    }

    /**
     * Why seeded halving missed on a row: the grid's optimum was looked at and stopped early (the low-fidelity
     * ranking), or never looked at closely (the bracket), or trained in full and lost on validation (noise).
     */
    private static String whyHalvingMissed(Row r) {
        double nearest = r.number("analytical_sh_nearest_t");
        if (!Double.isFinite(nearest)) {
            return "";
        }
        double full = r.number("grid_epochs") / r.number("grid_trials");
        double off = nearest / r.number("grid_t");
        if (Math.abs(Math.log(off)) > Math.log(1.5)) {
            return String.format(Locale.ROOT, "none of its temperatures came within ×1.5 of the grid's T* (nearest %.3g, "
                    + "%s): the bracket's spacing or span missed the optimum.", nearest, times(off));
        }
        double stopped = r.number("analytical_sh_nearest_epochs");
        if (stopped < full) {
            return String.format(Locale.ROOT, "its trial nearest the grid's T* (%.3g, %s) was stopped after %.0f of %.0f "
                    + "epochs: early on it ranked below temperatures that %s, the low-fidelity bias the fidelity report "
                    + "measures.", nearest, times(off), stopped, full,
                    r.number("analytical_sh_t") < r.number("grid_t") ? "learn faster and end worse (lower T)"
                            : "ended worse (higher T)");
        }
        return String.format(Locale.ROOT, "its pick came within ×1.5 of the grid's T* (%.3g, %s) and trained in full: the "
                + "gap lies between neighbouring temperatures on the test split.", nearest, times(off));
    }

    private static double[] shares(List<Row> rows, String prefix) {
        return rows.stream().mapToDouble(r -> r.number(prefix + "_epochs") / r.number("grid_epochs")).toArray();
    }

    private static double worst(double[] gaps) {
        return Arrays.stream(gaps).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** The headline figures against the targets, each said met or missed with its number. */
    public static String targets(List<Row> rows) {
        double shEpochs = median(shares(rows, "analytical_sh"));
        double[] seeded = column(rows, "analytical_sh_gap_pp");
        double[] random = column(rows, "random_eq_gap_pp");
        double[] plain = column(rows, "sh_gap_pp");
        double[] hyperband = column(rows, "hyperband_gap_pp");
        String equalCompute = String.format(Locale.ROOT, """
                | seeded successive halving epochs ≤ 5 %% of the grid's (median) | %.1f %% | %s |
                | seeded successive halving: median gap ≤ 0.1 pp | %+.2f pp | %s |
                | seeded successive halving: worst gap ≤ 0.5 pp, cosine heads included | %+.2f pp | %s |
                | at equal epochs, median and worst gap below random search's (%+.2f / %+.2f pp) | %+.2f / %+.2f pp | %s |
                | at equal epochs, median and worst gap below successive halving without the seed (%+.2f / %+.2f pp) | %+.2f / %+.2f pp | %s |
                | Hyperband, log-uniform, same budget: median / worst gap | %+.2f / %+.2f pp | for comparison |
                """, 100 * shEpochs, shEpochs <= 0.05 ? "met" : "missed",
                median(seeded), median(seeded) <= 0.1 ? "met" : "missed", worst(seeded), worst(seeded) <= 0.5 ? "met" : "missed",
                median(random), worst(random), median(seeded), worst(seeded), below(seeded, random),
                median(plain), worst(plain), median(seeded), worst(seeded), below(seeded, plain),
                median(hyperband), worst(hyperband));
        return fullTrialTargets(rows) + equalCompute;
    }

    private static String below(double[] a, double[] b) {
        return median(a) < median(b) && worst(a) < worst(b) ? "met" : "missed";
    }

    private static String fullTrialTargets(List<Row> rows) {
        double[] epochsSpent = Arrays.stream(column(rows, "saved_epochs")).map(s -> 1 - s).toArray();
        double[] gaps = column(rows, "gap_pp");
        double worst = Arrays.stream(gaps).filter(Double::isFinite).max().orElse(Double.NaN);
        long withinEstimate = rows.stream().filter(r -> r.number("t_hat_gap_pp") <= 0.2).count();
        double medianEpochs = median(epochsSpent);
        double medianGap = median(gaps);
        double medianRandomGap = median(column(rows, "random_gap_pp"));
        double share = (double) withinEstimate / rows.size();
        return String.format(Locale.ROOT, """
                | target | measured | |
                |---|---:|---|
                | analytical epochs ≤ 10 %% of the grid's (median) | %.1f %% | %s |
                | median accuracy gap ≤ 0.1 pp | %+.2f pp | %s |
                | worst accuracy gap ≤ 0.5 pp | %+.2f pp | %s |
                | T̂* alone within 0.2 pp of the grid on ≥ 70 %% of runs | %.0f %% (%d of %d) | %s |
                | random search with the analytical trial count: median gap | %+.2f pp | for comparison |
                """, 100 * medianEpochs, medianEpochs <= 0.10 ? "met" : "missed",
                medianGap, medianGap <= 0.1 ? "met" : "missed", worst, worst <= 0.5 ? "met" : "missed",
                100 * share, withinEstimate, rows.size(), share >= 0.7 ? "met" : "missed", medianRandomGap);
    }
}
