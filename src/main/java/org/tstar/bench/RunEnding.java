package org.tstar.bench;

import java.io.PrintWriter;
import org.tstar.report.ReportWriteException;
import org.tstar.report.RunState;

/**
 * The one way a run's marker gets its last word: completed or failed at the end, failed on a write failure,
 * interrupted by SIGTERM or SIGINT (through a shutdown hook, which the JVM runs on both before exiting with
 * 143 or 130). Whichever comes first wins; the others find the run already ended.
 */
final class RunEnding implements AutoCloseable {
    private final OpenedRun opened;
    private final PrintWriter console;
    private final String resumeCommand;
    private final Thread hook;
    private boolean ended;

    RunEnding(OpenedRun opened, PrintWriter console, String resumeCommand) {
        this.opened = opened;
        this.console = console;
        this.resumeCommand = resumeCommand;
        this.hook = new Thread(this::interrupted, "tstar-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run reached its end: {@code COMPLETED}, or {@code FAILED} with nothing left to run. */
    synchronized void finish(RunState.Status status, String note) {
        if (!ended) {
            opened.finish(status, note);
            ended = true;
        }
    }

    /**
     * A report could not be written: the marker says {@code failed} with the cause (when it can still be
     * written), the folder stays resumable, and the returned exception says how to resume.
     */
    synchronized RunStoppedException writeFailed(ReportWriteException e) {
        if (!ended) {
            ended = true;
            try {
                opened.stop(RunState.Status.FAILED, e.getMessage());
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
        try {
            opened.stop(RunState.Status.INTERRUPTED, "stopped by a signal");
            console.printf("%ninterrupted: the finished trials are in %s; resume with %s%n",
                    opened.folder().file("trials.csv"), resumeCommand);
        } catch (ReportWriteException e) {
            console.printf("%ninterrupted, and %s; resume with %s%n", e.getMessage(), resumeCommand);
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
