package org.tstar.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A report file that could not be written (disk full, read-only, permission): fatal to the run, reported as one
 * line naming the file and the cause, never swallowed.
 */
public final class ReportWriteException extends UncheckedIOException {
    private final Path file;

    public ReportWriteException(Path file, IOException cause) {
        super("cannot write " + file + ": " + reason(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        // FileSystemException messages repeat the path before the reason ("/x/trials.csv: No space left on device")
        if (m != null && m.contains(": ")) {
            m = m.substring(m.lastIndexOf(": ") + 2);
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
