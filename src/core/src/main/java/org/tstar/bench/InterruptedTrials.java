package org.tstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.TrialLog;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.RecordedTrials;

/**
 * What an interrupted run left in its folder: the trial log as far as it was written (a torn last row dropped)
 * and the learning curves of its finished trials, to replay rather than train again; {@link #NONE} when it was
 * killed before its first row. Shared by {@code compare}/{@code search --resume} and a resumed suite's task.
 */
record InterruptedTrials(TrialLog.Recovered recovered, Map<String, CurveLog.Curve> curves) {
    static final InterruptedTrials NONE = new InterruptedTrials(null, Map.of());

    /** Reads {@code dir}'s trials.csv and curves.csv; changes nothing, so a refused log leaves the folder as it was. */
    static InterruptedTrials read(Path dir) {
        Path trials = dir.resolve(ReportFolder.TRIALS);
        if (!Files.exists(trials)) {
            return NONE;
        }
        TrialLog.Recovered recovered = TrialLog.read(trials);
        Set<String> finished = recovered.records().stream()
                .map(r -> RecordedTrials.key(r.strategy(), r.trial())).collect(Collectors.toSet());
        Path curveFile = dir.resolve(CurveLog.FILE);
        return new InterruptedTrials(recovered, Files.exists(curveFile) ? CurveLog.read(curveFile, finished) : Map.of());
    }

    int trials() {
        return recovered == null ? 0 : recovered.records().size();
    }

    /** The trials to replay, keyed as a search asks for them. */
    RecordedTrials replay() {
        Map<String, List<CurvePoint>> points = new LinkedHashMap<>();
        curves.forEach((key, curve) -> points.put(key, curve.points()));
        return RecordedTrials.of(recovered.records(), points);
    }

    /** trials.csv: new, or the interrupted one appended to after its last whole row. */
    TrialLog openTrialLog(ReportFolder folder) {
        return recovered == null ? folder.openTrialLog() : folder.appendTrialLog(recovered);
    }

    /** curves.csv: new, or the interrupted run's with the curves of its finished trials only. */
    CurveLog openCurveLog(ReportFolder folder) {
        return recovered == null && !Files.exists(folder.file(CurveLog.FILE)) ? folder.openCurveLog()
                : folder.resumeCurveLog(curves);
    }
}
