package org.tstar.report;

import java.io.Closeable;
import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tstar.InputFile;
import org.tstar.InvalidInputException;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.RecordedTrials;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialListener;
import org.tstar.search.trial.TrialRecord;

/**
 * {@code curves.csv}: each trial's learning curve, one row per epoch, written as the epoch ends (validation
 * accuracy and loss after it, and the training sample passes by then). A pruned trial's curve stops where it was
 * stopped. On resume the rows of trials that never finished are dropped (they train again) and the rest feed the
 * pruner as they did the first time.
 */
public final class CurveLog implements TrialListener, Closeable {
    public static final String FILE = "curves.csv";
    public static final List<String> COLUMNS = List.of("strategy", "trial", "temperature", "epoch", "sample_passes",
            "val_accuracy", "val_loss");

    /** One trial's curve as read back. */
    public record Curve(double temperature, List<CurvePoint> points) {
    }

    private final RowAppender rows;

    private CurveLog(RowAppender rows) {
        this.rows = rows;
    }

    /** A new log with its header. */
    static CurveLog create(Path file) {
        return new CurveLog(RowAppender.create(file, COLUMNS));
    }

    /**
     * The log of an interrupted run: rewritten with only the curves {@code kept} (those of its finished trials, by
     * {@link RecordedTrials#key}), then reopened to append.
     */
    static CurveLog resume(ReportFolder folder, Map<String, Curve> kept) {
        List<List<Object>> rows = new ArrayList<>();
        kept.forEach((key, curve) -> {
            String[] parts = key.split("#");
            curve.points().forEach(p -> rows.add(row(parts[0], Integer.parseInt(parts[1]), curve.temperature(), p)));
        });
        Path file = folder.writeAtomically(FILE, CsvText.of(COLUMNS, rows));
        try {
            return new CurveLog(RowAppender.append(file, Files.size(file)));
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
    }

    @Override
    public void epochEnded(Strategy strategy, int trial, double temperature, CurvePoint point) {
        rows.write(row(strategy.label(), trial, temperature, point));
    }

    @Override
    public void trialEnded(TrialRecord record) {
        // the curve was written epoch by epoch
    }

    private static List<Object> row(String strategy, int trial, double temperature, CurvePoint p) {
        return List.of(strategy, trial, TrialLog.cell(temperature), p.epoch(), p.samplePasses(),
                TrialLog.cell(p.validationAccuracy()), TrialLog.cell(p.validationLoss()));
    }

    @Override
    public void close() {
        rows.close();
    }

    /**
     * Reads a log back: the curves of the trials in {@code finished} only, by {@link RecordedTrials#key}; a last
     * row without its newline (cut off by a kill) is dropped.
     */
    public static Map<String, Curve> read(Path file, Set<String> finished) {
        String text = InputFile.readString(file, InputFile.TABLE_LIMIT, file + ": no such file");
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        Map<String, Curve> curves = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(complete, CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new InvalidInputException(file + " line 1: header is " + parser.getHeaderNames() + ", not tstar's "
                        + COLUMNS);
            }
            for (CSVRecord r : parser) {
                String where = file + " line " + parser.getCurrentLineNumber();
                try {
                    String trial = r.get("strategy") + "#" + Integer.parseInt(r.get("trial"));
                    if (!finished.contains(trial)) {
                        continue;
                    }
                    double temperature = Double.parseDouble(r.get("temperature"));
                    curves.computeIfAbsent(trial, k -> new Curve(temperature, new ArrayList<>())).points()
                            .add(new CurvePoint(Integer.parseInt(r.get("epoch")), Long.parseLong(r.get("sample_passes")),
                                    number(r.get("val_accuracy")), number(r.get("val_loss"))));
                } catch (NumberFormatException | IllegalStateException e) {
                    throw new InvalidInputException(where + ": not a row tstar wrote (" + e.getMessage() + ")");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(file + ": not CSV (" + e.getMessage() + ")");
        }
        return curves;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

}
