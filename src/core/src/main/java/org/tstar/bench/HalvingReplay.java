package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tstar.InvalidInputException;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.EpochObserver;
import org.tstar.model.HeadType;
import org.tstar.model.TrialResult;
import org.tstar.model.TrialStatus;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.CsvText;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.TrialLog;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.config.SuccessiveHalvingSettings;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialRecord;

/**
 * Seeded successive halving replayed on a benchmark's recorded grid curves, no training: each proposed temperature
 * reads the learning curve of the nearest grid temperature, and the real schedule ({@link Strategy#ANALYTICAL_SH}
 * through Arbiter's runner) ranks, prunes and picks from it. Several settings side by side show what the rung
 * placement and η cost in accuracy at one budget, which is how tstar's defaults were chosen.
 */
public final class HalvingReplay {
    public static final String FILE = "halving-replay.csv";
    public static final List<String> COLUMNS = List.of("task", "eta", "min_epochs", "ranking", "rungs", "trials",
            "epochs", "picked_t", "grid_t", "picked_test_accuracy", "grid_test_accuracy", "gap_pp", "kept_best");

    /** One setting replayed: η, the first rung (1 epoch, or a quarter of the recipe) and what rungs rank by. */
    record Setting(double eta, boolean quarter, String ranking) {
        SuccessiveHalvingSettings on(int epochs) {
            return new SuccessiveHalvingSettings(eta, 2.5, quarter ? Math.max(1, epochs / 4) : 1, 30, ranking);
        }

        String label() {
            return String.format(Locale.ROOT, "η %s, first rung %s%s", eta % 1 == 0 ? Integer.toString((int) eta) : eta,
                    quarter ? "at a quarter of the epochs" : "after 1 epoch",
                    ranking.equals("score") ? "" : ", ranked by the extrapolated final score");
        }
    }

    static final List<Setting> SETTINGS = List.of(new Setting(3, false, "score"), new Setting(2, false, "score"),
            new Setting(3, true, "score"), new Setting(2, true, "score"), new Setting(3, true, "extrapolated"),
            new Setting(2, true, "extrapolated"));

    private HalvingReplay() {
    }

    /** Replays every task folder of the suite report {@code dir}; writes halving-replay.csv and .md there. */
    public static String run(Path dir) {
        Map<String, BenchmarkTable.Row> rows = BenchmarkTable.read(dir.resolve(BenchmarkTable.FILE)).stream()
                .collect(Collectors.toMap(r -> r.text("task") + "-seed" + r.text("seed"), r -> r, (a, b) -> a));
        List<List<Object>> lines = new ArrayList<>();
        Map<Setting, List<Double>> gaps = new java.util.LinkedHashMap<>();
        Map<Setting, List<Boolean>> kept = new java.util.LinkedHashMap<>();
        SETTINGS.forEach(s -> gaps.put(s, new ArrayList<>()));
        SETTINGS.forEach(s -> kept.put(s, new ArrayList<>()));
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                BenchmarkTable.Row row = rows.get(folder.getFileName().toString());
                if (row == null || !Files.exists(folder.resolve(CurveLog.FILE)) || !Files.exists(folder.resolve("space.yaml"))) {
                    continue;
                }
                GridCurves grid = GridCurves.read(folder);
                if (grid == null) {
                    continue;
                }
                TrialResult gridPick = grid.pick();
                SearchSpaceDefinition space = SpaceFileReader.load(folder.resolve("space.yaml"));
                TemperatureCoefficients k = TemperatureCoefficients.forHead(space.analytical().coefficients(),
                        space.head().type() == HeadType.COSINE);
                AnalyticalTemperature.Estimate estimate = AnalyticalTemperature.estimate((int) row.number("M"),
                        (int) row.number("C"), row.number("csg"), k);
                for (Setting s : SETTINGS) {
                    SearchSpaceDefinition changed = space.withSuccessiveHalving(s.on(space.recipe().epochs()));
                    SearchTask task = new SearchTask(changed, null, estimate, 2, new Replay(grid));
                    if (!task.affordsHalving()) {
                        continue;
                    }
                    SearchOutcome o = task.run(Strategy.ANALYTICAL_SH, r -> { });
                    TrialResult pick = o.chosenResult().orElseThrow();
                    double gap = 100 * (gridPick.testAccuracy() - pick.testAccuracy());
                    gaps.get(s).add(gap);
                    boolean keptBest = keptTheBestItTried(o, grid, pick);
                    kept.get(s).add(keptBest);
                    lines.add(List.of(folder.getFileName().toString(), TrialLog.cell(s.eta()), s.on(space.recipe().epochs()).minEpochs(),
                            s.ranking(), task.halving(Strategy.ANALYTICAL_SH).brackets().get(0).schedule().rungs().toString(),
                            o.trialCount(), o.epochs(), TrialLog.cell(pick.temperature()),
                            TrialLog.cell(gridPick.temperature()), TrialLog.cell(pick.testAccuracy()),
                            TrialLog.cell(gridPick.testAccuracy()), TrialLog.cell(gap), keptBest ? 1 : 0));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(dir + ": no task folder with curves.csv and space.yaml to replay");
        }
        ReportFolder folder = ReportFolder.shared(dir);
        folder.writeAtomically(FILE, CsvText.of(COLUMNS, lines));
        StringBuilder md = new StringBuilder("# Seeded successive halving replayed on the recorded grid curves\n\n"
                + "Each task's analytical-sh search at a budget of 2.5 full trials and span ×/÷ 30, its trials reading the "
                + "learning curve of the nearest grid temperature (no training); gap: grid pick − replayed pick in "
                + "test accuracy (pp). Per-task rows in `" + FILE + "`.\n\n"
                + "Kept the best: the pick is the temperature whose full recorded curve ends best among those the search "
                + "tried, i.e. no rung stopped the eventual winner.\n\n"
                + "| setting | tasks | median gap (pp) | mean gap (pp) | worst gap (pp) | kept the best |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        gaps.forEach((s, g) -> {
            if (g.isEmpty()) {
                return;
            }
            double[] v = g.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            long best = kept.get(s).stream().filter(b -> b).count();
            md.append(String.format(Locale.ROOT, "| %s | %d | %+.2f | %+.2f | %+.2f | %d of %d |%n", s.label(), v.length,
                    median, Arrays.stream(v).average().orElse(Double.NaN), v[v.length - 1], best, v.length));
        });
        md.append("\nMade by: `bin/tstar bench fidelity --reports ").append(dir).append("`\n");
        folder.writeAtomically("halving-replay.md", md.toString());
        return md.toString();
    }

    /**
     * Whether the pick is, among the temperatures the search tried, the one whose full recorded curve ends with the
     * best validation accuracy (ties to the pick): no rung stopped the eventual winner of its own looks.
     */
    private static boolean keptTheBestItTried(SearchOutcome o, GridCurves grid, TrialResult pick) {
        double best = o.trials().stream().mapToDouble(t -> Replay.nearest(grid, t.result().temperature()).result()
                .validationAccuracy()).max().orElse(Double.NaN);
        return Replay.nearest(grid, pick.temperature()).result().validationAccuracy() >= best;
    }

    /** A task's recorded grid as a trial: each temperature reads the curve of the nearest grid temperature. */
    private record Replay(GridCurves grid) implements TemperatureTrial {
        @Override
        public TrialResult run(double temperature) {
            return run(temperature, EpochObserver.NONE);
        }

        @Override
        public TrialResult run(double temperature, EpochObserver observer) {
            TrialRecord nearest = nearest(grid, temperature);
            TrialResult full = nearest.result();
            for (CurvePoint p : grid.curve(nearest)) {
                boolean goOn = observer.epochEnded(p.epoch(), p.samplePasses(), p.validationAccuracy(), p.validationLoss());
                if (p.epoch() < full.epochs() && !goOn) {
                    return new TrialResult(full.temperature(), TrialStatus.PRUNED, "pruned after epoch " + p.epoch(),
                            p.epoch(), p.samplePasses(), 0, 0, p.validationAccuracy(), p.validationLoss(), Double.NaN,
                            org.tstar.robustness.Robustness.NONE, 0);
                }
            }
            return full;
        }

        static TrialRecord nearest(GridCurves grid, double temperature) {
            return grid.trials().stream()
                    .min(Comparator.comparingDouble(r -> Math.abs(Math.log(r.result().temperature() / temperature))))
                    .orElseThrow();
        }
    }
}
