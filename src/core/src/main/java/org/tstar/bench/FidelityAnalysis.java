package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tstar.InvalidInputException;
import org.tstar.model.TrialResult;
import org.tstar.report.CsvText;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.TrialLog;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.TrialRecord;

/**
 * How far a low-fidelity look at a temperature can be trusted: over each benchmark task's full grid, the rank
 * correlation (Spearman) between the validation accuracy after epoch e and the final one, for e = 1, a quarter and
 * half of the epochs, and what picking the grid's temperature by its epoch-1 leader would have cost in test
 * accuracy. Read from the grid trials' {@code curves.csv}; no training.
 */
public final class FidelityAnalysis {
    public static final String FILE = "fidelity.csv";
    public static final List<String> COLUMNS = List.of("task", "grid_points", "epochs", "rho_epoch1", "rho_quarter",
            "rho_half", "epoch1_leader_t", "grid_t", "epoch1_leader_test_accuracy", "grid_test_accuracy", "gap_pp");

    private FidelityAnalysis() {
    }

    /** One task folder's measures; null when it has no curves (a report older than learning curves). */
    record Task(String task, int gridPoints, int epochs, double rhoEpoch1, double rhoQuarter, double rhoHalf,
                double leaderTemperature, double gridTemperature, double leaderTestAccuracy, double gridTestAccuracy) {
        List<Object> cells() {
            return List.of(task, gridPoints, epochs, TrialLog.cell(rhoEpoch1), TrialLog.cell(rhoQuarter),
                    TrialLog.cell(rhoHalf), TrialLog.cell(leaderTemperature), TrialLog.cell(gridTemperature),
                    TrialLog.cell(leaderTestAccuracy), TrialLog.cell(gridTestAccuracy),
                    TrialLog.cell(100 * (gridTestAccuracy - leaderTestAccuracy)));
        }
    }

    /** Analyses every task folder of the suite report {@code dir}; writes fidelity.csv and fidelity.md there. */
    public static String run(Path dir) {
        List<Task> tasks = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                if (Files.exists(folder.resolve(CurveLog.FILE)) && Files.exists(folder.resolve(ReportFolder.TRIALS))) {
                    Task t = task(folder);
                    if (t != null) {
                        tasks.add(t);
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot read (" + e.getMessage() + ")");
        }
        if (tasks.isEmpty()) {
            throw new InvalidInputException(dir + ": no task folder with curves.csv (a suite report made before "
                    + "learning curves has none; rerun the suite)");
        }
        ReportFolder folder = ReportFolder.shared(dir);
        folder.writeAtomically(FILE, CsvText.of(COLUMNS, tasks.stream().map(Task::cells).toList()));
        String md = markdown(tasks, dir);
        folder.writeAtomically("fidelity.md", md);
        return md;
    }

    private static Task task(Path folder) {
        GridCurves curves = GridCurves.read(folder);
        if (curves == null) {
            return null;
        }
        List<TrialRecord> grid = curves.trials();
        int epochs = grid.get(0).result().epochs();
        double[] last = new double[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            last[i] = grid.get(i).result().validationAccuracy();
        }
        double rho1 = spearman(at(grid, curves, 1), last);
        double rhoQuarter = spearman(at(grid, curves, Math.max(1, epochs / 4)), last);
        double rhoHalf = spearman(at(grid, curves, Math.max(1, epochs / 2)), last);
        double[] first = at(grid, curves, 1);
        int leader = 0;
        for (int i = 1; i < grid.size(); i++) {
            if (first[i] > first[leader]) {
                leader = i;
            }
        }
        TrialResult best = curves.pick();
        TrialResult lead = grid.get(leader).result();
        String name = folder.getFileName().toString();
        return new Task(name, grid.size(), epochs, rho1, rhoQuarter, rhoHalf, lead.temperature(),
                best.temperature(), lead.testAccuracy(), best.testAccuracy());
    }

    private static double[] at(List<TrialRecord> grid, GridCurves curves, int epoch) {
        double[] v = new double[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            List<CurvePoint> points = curves.curve(grid.get(i));
            v[i] = points.stream().filter(p -> p.epoch() == epoch).mapToDouble(CurvePoint::validationAccuracy)
                    .findFirst().orElse(Double.NaN);
        }
        return v;
    }

    /** Spearman's ρ: Pearson's correlation of the ranks, ties given their average rank. */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(Double.NaN);
        double my = Arrays.stream(y).average().orElse(Double.NaN);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static String markdown(List<Task> tasks, Path dir) {
        StringBuilder md = new StringBuilder("# Low-fidelity rankings of temperature\n\n"
                + "Over each task's full grid: Spearman's ρ between validation accuracy after epoch e and after the last "
                + "epoch, and the test accuracy lost (pp) had the grid's temperature been picked by its epoch-1 leader.\n\n"
                + "| task | grid points | epochs | ρ epoch 1 | ρ ¼ epochs | ρ ½ epochs | epoch-1 leader T | grid T* | "
                + "test acc. leader | test acc. grid | gap (pp) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Task t : tasks) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.3g | %.3g | %.4f | %.4f | %+.2f |%n",
                    t.task(), t.gridPoints(), t.epochs(), t.rhoEpoch1(), t.rhoQuarter(), t.rhoHalf(), t.leaderTemperature(),
                    t.gridTemperature(), t.leaderTestAccuracy(), t.gridTestAccuracy(),
                    100 * (t.gridTestAccuracy() - t.leaderTestAccuracy())));
        }
        md.append("\nMade by: `bin/tstar bench fidelity --reports ").append(dir).append("`\n");
        return md.toString();
    }
}
