package org.tstar.bench;

import java.io.PrintWriter;
import org.tstar.report.ReportFolder;
import org.tstar.report.ReportWriteException;
import org.tstar.report.RunState;

/**
 * The one way a run's marker gets its last word: completed or failed at the end, failed on a write failure,
 * interrupted by SIGTERM or SIGINT (through a shutdown hook, which the JVM runs on both before exiting with
 * 143 or 130). Whichever comes first wins; the others find the run already ended.
 */
final class RunEnding implements AutoCloseable {
    private final ReportFolder folder;
    private final RunState state;
    private final PrintWriter console;
    private final String resumeCommand;
    private final String whyNotResumable;
    private final Thread hook;
    private boolean ended;

    /** A run that {@code resumeCommand} continues: a signal marks it interrupted and resumable and prints the command. */
    static RunEnding resumable(ReportFolder folder, RunState state, PrintWriter console, String resumeCommand) {
        return new RunEnding(folder, state, console, resumeCommand, null);
    }

    /** A run that starts over when run again, for the reason {@code why}: a signal marks it ended, not resumable. */
    static RunEnding startsOver(ReportFolder folder, RunState state, PrintWriter console, String why) {
        return new RunEnding(folder, state, console, null, why);
    }

    private RunEnding(ReportFolder folder, RunState state, PrintWriter console, String resumeCommand, String whyNotResumable) {
        this.folder = folder;
        this.state = state;
        this.console = console;
        this.resumeCommand = resumeCommand;
        this.whyNotResumable = whyNotResumable;
        this.hook = new Thread(this::interrupted, "tstar-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run reached its end: {@code COMPLETED}, or {@code FAILED} with nothing left to run. */
    synchronized void finish(RunState.Status status, String note) {
        if (!ended) {
            state.ended(status, note).write(folder);
            ended = true;
        }
    }

    /** The run stopped on an input it cannot use (missing data): {@code FAILED}, and resumable once that is fixed. */
    synchronized void stopResumable(RunState.Status status, String note) {
        if (!ended) {
            state.stopped(status, note).write(folder);
            ended = true;
        }
    }

    /**
     * A report could not be written: the marker says {@code failed} with the cause (when it can still be
     * written), the folder stays resumable, and the returned exception says how to resume. Only for a
     * {@link #resumable} run.
     */
    synchronized RunStoppedException writeFailed(ReportWriteException e) {
        if (!ended) {
            ended = true;
            try {
                state.stopped(RunState.Status.FAILED, e.getMessage()).write(folder);
            } catch (ReportWriteException again) {
                // the marker still says running, which resumes just as well
            }
        }
        return new RunStoppedException(e.getMessage() + "; the run stopped, what it wrote is kept: resume with "
                + resumeCommand, e);
    }

    private synchronized void interrupted() {
        if (ended) {
            return;
        }
        ended = true;
        String next = resumeCommand == null ? "what it measured is in " + folder.path() + "; run again, it starts over ("
                + whyNotResumable + ")" : "the finished trials are in " + (java.nio.file.Files.exists(folder.file("trials.csv"))
                ? folder.file("trials.csv").toString() : folder.path() + "'s task folders") + "; resume with " + resumeCommand;
        try {
            if (resumeCommand == null) {
                state.ended(RunState.Status.INTERRUPTED, "stopped by a signal").write(folder);
            } else {
                state.stopped(RunState.Status.INTERRUPTED, "stopped by a signal").write(folder);
            }
            console.printf("%ninterrupted: %s%n", next);
        } catch (ReportWriteException e) {
            console.printf("%ninterrupted, and %s; %s%n", e.getMessage(), next);
        }
        console.flush();
    }

    /** The run is over one way or another: no signal needs to mark it any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it marked the run interrupted
        }
    }
}
