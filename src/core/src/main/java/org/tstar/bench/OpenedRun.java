package org.tstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.tstar.InvalidInputException;
import org.tstar.report.CurveLog;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunLock;
import org.tstar.report.RunState;
import org.tstar.report.TrialLog;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;

/**
 * A run's folder, its lock, its marker and the task to run: a new folder holding a copy of the space file and a
 * {@code running} marker, or the folder of an interrupted run, checked to be a run of the same command on the
 * same space, with the trials it finished to replay. The folder's lock is taken before anything in it is written
 * or read for the resume, and held until {@link #close}.
 */
public record OpenedRun(ReportFolder folder, RunLock lock, SearchTask task, RunState state, InterruptedTrials interrupted)
        implements AutoCloseable {
    public static final String SPACE_COPY = "space.yaml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Opens the folder {@code settings} name for {@code command} (e.g. "compare") on the prepared space. */
    public static OpenedRun open(PreparedSpace p, RunSettings settings, String command) {
        Path resume = settings.resume();
        if (resume == null) {
            Path dir = settings.out() != null ? settings.out()
                    : Path.of("reports", p.space().name() + "-" + LocalDateTime.now().format(STAMP));
            ReportFolder folder = ReportFolder.create(dir);
            RunLock lock = ReportFolder.lockNew(dir, command);
            return lock.whileOpening(() -> {
                folder.writeAtomically(SPACE_COPY, p.text());
                RunState state = RunState.running(command, p.space().name());
                state.write(folder);
                return new OpenedRun(folder, lock, p.task(), state, InterruptedTrials.NONE);
            });
        }
        if (!Files.isDirectory(resume)) {
            throw new InvalidInputException("--resume " + resume + ": no such run folder");
        }
        RunState.read(resume);   // a tstar run folder, before a lock file is made in it
        RunLock lock = RunLock.acquire(resume, command);
        return lock.whileOpening(() -> resume(p, resume, command, lock));
    }

    private static OpenedRun resume(PreparedSpace p, Path resume, String command, RunLock lock) {
        RunState state = RunState.read(resume);
        if (!state.resumable()) {
            throw new InvalidInputException("--resume " + resume + ": that run already ended (" + state.status().name()
                    .toLowerCase(Locale.ROOT) + "); there is nothing to resume");
        }
        if (!state.command().equals(command)) {
            throw new InvalidInputException("--resume " + resume + ": it is a '" + state.command()
                    + "' run; resume it with that command");
        }
        Path copy = resume.resolve(SPACE_COPY);
        if (!Files.isRegularFile(copy)) {
            throw new InvalidInputException("--resume " + resume + ": the run's " + SPACE_COPY + " is missing");
        }
        SearchSpaceDefinition started = SpaceFileReader.load(copy);
        if (!started.equals(p.space())) {
            throw new InvalidInputException("--resume " + resume + ": " + p.file() + " differs from the space the run "
                    + "started with (" + differences(started, p.space()) + "); resume with " + copy);
        }
        // Read before anything in the folder changes, so a refused log leaves the folder as it was. No log: the
        // run was killed before its first row, so it starts over in its folder.
        InterruptedTrials interrupted = InterruptedTrials.read(resume);
        ReportFolder folder = ReportFolder.resume(resume);
        SearchTask task = interrupted.recovered() == null ? p.task() : p.task().resuming(interrupted.replay());
        return new OpenedRun(folder, lock, task, state, interrupted);
    }

    /** The trial log as it was when the run stopped, or null for a new run (or one killed before its first row). */
    public TrialLog.Recovered recovered() {
        return interrupted.recovered();
    }

    public TrialLog openTrialLog() {
        return interrupted.openTrialLog(folder);
    }

    public CurveLog openCurveLog() {
        return interrupted.openCurveLog(folder);
    }

    /** Releases the folder's lock. */
    @Override
    public void close() {
        lock.close();
    }

    /** The top-level parts of two spaces that differ, by their field names in the space file. */
    static String differences(SearchSpaceDefinition a, SearchSpaceDefinition b) {
        return String.join(", ", a.keysDifferingFrom(b));
    }
}
