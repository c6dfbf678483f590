package org.tstar.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tstar.model.TrialResult;
import org.tstar.search.TrialListener;
import org.tstar.search.TrialRecord;

/**
 * {@code trials.csv}: one row per trial, written and flushed the moment the trial ends, so a run that is stopped
 * keeps every finished trial. Columns are DESIGN §4's; a number that does not exist (a failed trial's accuracy)
 * is an empty cell.
 */
public final class TrialLog implements TrialListener, Closeable {
    public static final List<String> COLUMNS = List.of("strategy", "trial", "temperature", "status", "epochs",
            "sample_passes", "seconds", "flops", "val_accuracy", "val_loss", "test_accuracy");

    private final CSVPrinter csv;

    TrialLog(Path file) throws IOException {
        this.csv = new CSVPrinter(Files.newBufferedWriter(file),
                CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        csv.flush();
    }

    @Override
    public synchronized void trialEnded(TrialRecord record) {
        TrialResult r = record.result();
        try {
            csv.printRecord(record.strategy().label(), record.trial(), cell(r.temperature()),
                    r.status().name().toLowerCase(java.util.Locale.ROOT), r.epochs(), r.samplePasses(),
                    cell(r.seconds()), cell(r.flops()), cell(r.validationAccuracy()), cell(r.validationLoss()),
                    cell(r.testAccuracy()));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to trials.csv", e);
        }
    }

    /**
     * A number as a CSV cell: whole numbers without a fraction, others at full precision (either reads back to
     * the same double); empty when it does not exist.
     */
    static String cell(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public synchronized void close() throws IOException {
        csv.close();
    }
}
