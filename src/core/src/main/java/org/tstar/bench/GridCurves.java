package org.tstar.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tstar.model.TrialResult;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.TrialLog;
import org.tstar.search.SearchOutcome;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.Score;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialRecord;

/**
 * A benchmark task folder's completed grid trials with their learning curves, read back for the analyses that need
 * no training: how early rankings hold ({@link FidelityAnalysis}) and successive halving replayed ({@link HalvingReplay}).
 */
record GridCurves(List<TrialRecord> trials, Map<String, CurveLog.Curve> curves) {

    /** The folder's grid with every curve, or null when it has fewer than three completed trials or curves missing. */
    static GridCurves read(Path folder) {
        List<TrialRecord> grid = TrialLog.read(folder.resolve(ReportFolder.TRIALS)).records().stream()
                .filter(r -> r.strategy() == Strategy.GRID && r.result().completed()).toList();
        if (grid.size() < 3) {
            return null;
        }
        Set<String> keys = grid.stream().map(r -> RecordedTrials.key(r.strategy(), r.trial())).collect(Collectors.toSet());
        Map<String, CurveLog.Curve> curves = CurveLog.read(folder.resolve(CurveLog.FILE), keys);
        return curves.size() == grid.size() ? new GridCurves(grid, curves) : null;
    }

    /** The grid's own pick, by the rule every search picks by (best validation accuracy, ties as SearchOutcome says). */
    TrialResult pick() {
        return new SearchOutcome(Strategy.GRID, "grid", Score.ACCURACY, trials, 0).chosenResult().orElseThrow();
    }

    List<CurvePoint> curve(TrialRecord trial) {
        return curves.get(RecordedTrials.key(trial.strategy(), trial.trial())).points();
    }
}
