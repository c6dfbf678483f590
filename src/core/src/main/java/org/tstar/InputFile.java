package org.tstar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file the user named, read whole: a missing, unreadable, oversized or non-regular one (a FIFO would block, a
 * device never end) becomes the one-line refusal every input gets ({@link InvalidInputException}), checked before
 * a byte is read, never an I/O stack trace or an out-of-memory error.
 */
public final class InputFile {
    /** Space, suite, coefficient and run-marker files: hand-written YAML is kilobytes. */
    public static final int CONFIG_LIMIT = 1 << 20;
    /** Logs and tables tstar writes (trials.csv, tasks.csv): a million trials' rows. */
    public static final long TABLE_LIMIT = 256L << 20;
    /** Data files (IDX, CSV, and an IDX file once decompressed): what one JVM array can hold, less headroom. */
    public static final long DATA_LIMIT = 1L << 30;

    private InputFile() {
    }

    /** @param whenMissing the whole message when the file does not exist, e.g. {@code "x.yaml: no such space file"} */
    public static String readString(Path file, long limit, String whenMissing) {
        return new String(readAllBytes(file, limit, whenMissing), StandardCharsets.UTF_8);
    }

    public static byte[] readAllBytes(Path file, long limit, String whenMissing) {
        check(file, limit, whenMissing);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(whenMissing);
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Refuses, without opening it, a file that is missing, not a regular file, or larger than {@code limit}. */
    public static void check(Path file, long limit, String whenMissing) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(whenMissing);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a regular file (" + (Files.isDirectory(file) ? "a folder"
                    : "a pipe, socket or device") + "); give a file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (size > limit) {
            throw new InvalidInputException(file + ": " + size + " bytes, more than the " + limit + " tstar reads from "
                    + "such a file");
        }
    }
}
