package org.tstar.report;

import org.tstar.InputFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tstar.InvalidInputException;
import org.tstar.robustness.Robustness;
import org.tstar.model.TrialStatus;
import org.tstar.model.TrialResult;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialListener;
import org.tstar.search.trial.TrialRecord;

/**
 * {@code trials.csv}: one row per trial, written and flushed the moment the trial ends, so a run that is stopped
 * keeps every finished trial. Columns are DESIGN §4's plus {@code reason} (why a trial failed); a number that
 * does not exist (a failed trial's accuracy) is an empty cell. Read back by {@link #read} to resume a run.
 */
public final class TrialLog implements TrialListener, Closeable {
    public static final List<String> COLUMNS = List.of("strategy", "trial", "temperature", "status", "epochs",
            "sample_passes", "seconds", "flops", "val_accuracy", "val_loss", "test_accuracy", "reason",
            "noise_accuracy", "fgsm_accuracy", "pgd_accuracy", "robust_score", "eval_flops");
    /** The columns of logs written before robustness measures existed: such logs still read and resume. */
    static final List<String> WITHOUT_ROBUSTNESS = COLUMNS.subList(0, 12);
    /** The columns of logs written before learning curves were evaluated: such logs still read and resume. */
    static final List<String> WITHOUT_CURVES = COLUMNS.subList(0, 16);

    private final RowAppender rows;
    private final int columns;

    private TrialLog(RowAppender rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** A new log with its header. */
    static TrialLog create(Path file) {
        return new TrialLog(RowAppender.create(file, COLUMNS), COLUMNS.size());
    }

    /** The log of an interrupted run, reopened to append after its last complete row (see {@link #read}). */
    static TrialLog append(Path file, Recovered recovered) {
        return new TrialLog(RowAppender.append(file, recovered.completeBytes()), recovered.columns());
    }

    /**
     * Appends the trial's row, whole or not at all.
     *
     * @throws ReportWriteException naming the file and the cause: the run must stop, not go on without its log
     */
    @Override
    public void trialEnded(TrialRecord record) {
        if (record.replayed()) {
            return;
        }
        TrialResult r = record.result();
        List<Object> cells = List.of(record.strategy().label(), record.trial(), cell(r.temperature()),
                r.status().name().toLowerCase(java.util.Locale.ROOT), r.epochs(), r.samplePasses(),
                cell(r.seconds()), cell(r.flops()), cell(r.validationAccuracy()), cell(r.validationLoss()),
                cell(r.testAccuracy()), r.completed() ? "" : r.failureReason().replaceAll("\\s+", " "),
                cell(r.robustness().noiseAccuracy()), cell(r.robustness().fgsmAccuracy()),
                cell(r.robustness().pgdAccuracy()), cell(r.robustness().robustScore()), cell(r.evaluationFlops()));
        rows.write(cells.subList(0, columns));
    }

    /**
     * A number as a CSV cell: whole numbers without a fraction, others at full precision (either reads back to
     * the same double); empty when it does not exist.
     */
    public static String cell(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public void close() {
        rows.close();
    }

    /** The rows of an interrupted run's log, and the length of a last line cut off by the kill (dropped). */
    public record Recovered(List<TrialRecord> records, int tornBytes, int columns, long completeBytes) {
    }

    /**
     * Reads a log back. A last line without its newline is a row the run was killed while writing: it is
     * dropped (it is not a finished trial). Anything else that is not a row tstar wrote is refused, naming the
     * line and column.
     */
    public static Recovered read(Path file) {
        String text = InputFile.readString(file, InputFile.TABLE_LIMIT, file + ": no such file");
        int complete = text.lastIndexOf('\n') + 1;
        int torn = text.substring(complete).getBytes(StandardCharsets.UTF_8).length;
        List<TrialRecord> records = new ArrayList<>();
        int columns = COLUMNS.size();
        try (CSVParser parser = CSVParser.parse(text.substring(0, complete), CSVFormat.DEFAULT)) {
            boolean header = true;
            for (CSVRecord row : parser) {
                String where = file + " line " + parser.getCurrentLineNumber();
                if (header) {
                    if (!row.toList().equals(COLUMNS) && !row.toList().equals(WITHOUT_ROBUSTNESS)
                            && !row.toList().equals(WITHOUT_CURVES)) {
                        throw new InvalidInputException(where + ": header is " + row.toList() + ", not tstar's " + COLUMNS);
                    }
                    columns = row.size();
                    header = false;
                    continue;
                }
                records.add(record(row, columns, where));
            }
            if (header) {
                throw new InvalidInputException(file + ": has no header line");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(file + ": not CSV (" + e.getMessage() + ")");
        }
        return new Recovered(List.copyOf(records), torn, columns, text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
    }

    private static TrialRecord record(CSVRecord row, int columns, String where) {
        if (row.size() != columns) {
            throw new InvalidInputException(where + ": " + row.size() + " cells, expected " + columns);
        }
        Strategy strategy;
        try {
            strategy = Strategy.parse(row.get(0));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
        TrialStatus status = switch (row.get(3)) {
            case "completed" -> TrialStatus.COMPLETED;
            case "failed" -> TrialStatus.FAILED;
            case "pruned" -> TrialStatus.PRUNED;
            default -> throw new InvalidInputException(where + ": status '" + row.get(3) + "' is not completed, failed or pruned");
        };
        int trial = (int) whole(row, 1, where);
        double temperature = number(row, 2, where);
        if (!(temperature > 0)) {
            throw new InvalidInputException(where + ": temperature '" + row.get(2) + "' is not a positive number");
        }
        Robustness robustness = columns > WITHOUT_ROBUSTNESS.size() ? new Robustness(number(row, 12, where),
                number(row, 13, where), number(row, 14, where), number(row, 15, where)) : Robustness.NONE;
        double evaluationFlops = columns > WITHOUT_CURVES.size() ? number(row, 16, where) : 0;
        TrialResult result = new TrialResult(temperature, status, row.get(11), (int) whole(row, 4, where),
                whole(row, 5, where), number(row, 6, where), number(row, 7, where), number(row, 8, where),
                number(row, 9, where), number(row, 10, where), robustness, Double.isNaN(evaluationFlops) ? 0 : evaluationFlops);
        return new TrialRecord(strategy, trial, result, 0, 0, true);
    }

    private static double number(CSVRecord row, int column, String where) {
        String cell = row.get(column);
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": " + COLUMNS.get(column) + " '" + cell + "' is not a number");
        }
    }

    private static long whole(CSVRecord row, int column, String where) {
        try {
            long v = Long.parseLong(row.get(column));
            if (v < 0 || v > Integer.MAX_VALUE && column != 5) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": " + COLUMNS.get(column) + " '" + row.get(column)
                    + "' is not a whole number");
        }
    }
}
