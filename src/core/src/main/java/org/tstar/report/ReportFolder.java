package org.tstar.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.tstar.InvalidInputException;

/**
 * The folder one run writes its reports into. It must be new or empty, so an earlier run's reports are never
 * overwritten, unless the run in it is being resumed. Whole files are written under a temporary name and moved
 * into place, so a report file that exists is complete; {@link RunState} marks whether the run completed.
 */
public final class ReportFolder {
    public static final String TRIALS = "trials.csv";
    public static final String COMPARISON = "comparison.csv";
    public static final String SUMMARY = "summary.md";

    private final Path path;

    private ReportFolder(Path path) {
        this.path = path;
    }

    /** Creates {@code dir} (and its parents); refuses a file or a non-empty folder. */
    public static ReportFolder create(Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("--out " + dir + ": exists and is not a folder");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException("--out " + dir + ": folder is not empty (reports of an earlier "
                            + "run are never overwritten; give a new folder)");
                }
            } catch (IOException e) {
                throw new InvalidInputException("--out " + dir + ": cannot read (" + e.getMessage() + ")");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("--out " + dir + ": cannot create (" + e.getMessage() + ")");
        }
        return new ReportFolder(dir);
    }

    /**
     * Takes the lock of a folder {@link #create} just made or emptied-checked, and checks again that it holds
     * nothing but the lock: a run that raced for the same folder and got there first is not written over.
     */
    public static RunLock lockNew(Path dir, String command) {
        RunLock lock = RunLock.acquire(dir, command);
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.anyMatch(f -> !f.getFileName().toString().equals(RunLock.FILE))) {
                lock.close();
                throw new InvalidInputException("--out " + dir + ": another run started writing into it; give a new folder");
            }
        } catch (IOException e) {
            lock.close();
            throw new InvalidInputException("--out " + dir + ": cannot read (" + e.getMessage() + ")");
        }
        return lock;
    }

    /** A folder that collects several reports (such as reports/benchmark/): created if missing, other files kept. */
    public static ReportFolder shared(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("--out " + dir + ": exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("--out " + dir + ": cannot create (" + e.getMessage() + ")");
        }
        return new ReportFolder(dir);
    }

    /**
     * The folder of an interrupted run, reopened to finish it; leftovers of a cut-off write ({@code *.partial*},
     * whatever follows: charts are written as {@code name.partial.png}) are removed.
     */
    public static ReportFolder resume(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path partial : entries.filter(f -> f.getFileName().toString().contains(".partial")).toList()) {
                Files.delete(partial);
            }
        } catch (IOException e) {
            throw new InvalidInputException("--resume " + dir + ": cannot clean up (" + e.getMessage() + ")");
        }
        return new ReportFolder(dir);
    }

    public Path path() {
        return path;
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /**
     * Writes a whole file: to a temporary name first, then moved over the final one. A failed write removes its
     * temporary file and leaves the final one as it was.
     *
     * @throws ReportWriteException naming the file and the cause
     */
    public Path writeAtomically(String name, String content) {
        Path partial = file(name + ".partial");
        try {
            Files.writeString(partial, content);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new ReportWriteException(file(name), e);
        }
        return moveIntoPlace(partial, name);
    }

    /**
     * Moves a file written completely under a temporary name in this folder to its final {@code name}.
     *
     * @throws ReportWriteException naming the file and the cause
     */
    public Path moveIntoPlace(Path written, String name) {
        Path target = file(name);
        try {
            try {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(written);
            throw new ReportWriteException(target, e);
        }
        return target;
    }

    /** Removes a leftover temporary file; failing to is not worth a second error (resume removes it too). */
    public static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the first error is the one reported
        }
    }

    /** Opens {@code trials.csv} for rows written as trials end. */
    public TrialLog openTrialLog() {
        return TrialLog.create(file(TRIALS));
    }

    /** Opens {@code curves.csv} for the learning curves, a row per epoch. */
    public CurveLog openCurveLog() {
        return CurveLog.create(file(CurveLog.FILE));
    }

    /** Rewrites an interrupted run's {@code curves.csv} with the curves {@code kept} and reopens it to append. */
    public CurveLog resumeCurveLog(Map<String, CurveLog.Curve> kept) {
        return CurveLog.resume(this, kept);
    }

    /** Reopens an interrupted run's {@code trials.csv} to append after its last complete row. */
    public TrialLog appendTrialLog(TrialLog.Recovered recovered) {
        return TrialLog.append(file(TRIALS), recovered);
    }
}
