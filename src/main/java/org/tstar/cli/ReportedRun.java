package org.tstar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tstar.InvalidInputException;
import org.tstar.model.TrialResult;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunState;
import org.tstar.report.RunSummary;
import org.tstar.report.TrialLog;
import org.tstar.search.RecordedTrials;
import org.tstar.search.SearchSpaceDefinition;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.TrialRecord;
import picocli.CommandLine.Option;

/**
 * The options and steps {@code search} and {@code compare} share: which space, where the reports go, loading
 * and checking everything before the report folder is created (so a refused input leaves no folder), and the
 * console line printed as each trial ends.
 */
final class ReportedRun {
    static final String SPACE_COPY = "space.yaml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--out", description = "Report folder, new or empty (default: reports/<space-name>-<timestamp>/).")
    Path out;

    @Option(names = "--verbose", description = "Log at info level and show stack traces.")
    boolean verbose;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted run in DIR: its finished trials are replayed from its trials.csv, the rest are run.")
    Path resume;

    @Option(names = "--metrics-port", description = "Serve Prometheus metrics at http://HOST:PORT/metrics during the run (0: any free port).")
    Integer metricsPort;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds to (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--metrics-linger", defaultValue = "0",
            description = "Seconds to keep the metrics endpoint up after the run (default: ${DEFAULT-VALUE}).")
    int metricsLinger;

    /** Metrics for the run; the endpoint is bound now, so a bad port is refused before any folder exists. */
    RunMetrics startMetrics(SearchSpaceDefinition space) {
        if (metricsLinger < 0 || metricsLinger > 86_400) {
            throw new InvalidInputException("--metrics-linger: " + metricsLinger + " is not in 0..86400 seconds");
        }
        if (metricsLinger > 0 && metricsPort == null) {
            throw new InvalidInputException("--metrics-linger needs --metrics-port");
        }
        return new RunMetrics(space.name(), metricsPort, metricsHost);
    }

    /** A space and its task, loaded and checked; nothing has been written yet. */
    record Prepared(SearchSpaceDefinition space, String spaceText, SearchTask task) {
    }

    static Prepared prepare(Path spaceFile) {
        SearchSpaceDefinition space = SearchSpaceDefinition.load(spaceFile);
        try {
            return new Prepared(space, Files.readString(spaceFile), SearchTask.prepare(space));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(spaceFile + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(spaceFile + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * The run's folder, its marker and the task to run: a new folder holding a copy of the space file and a
     * {@code running} marker, or with {@code --resume} the interrupted run's folder, checked to be a run of the
     * same command on the same space, with the trials it finished to replay.
     */
    record Opened(ReportFolder folder, SearchTask task, RunState state, TrialLog.Recovered recovered) {
        TrialLog openTrialLog() throws IOException {
            return recovered == null ? folder.openTrialLog() : folder.appendTrialLog(recovered);
        }

        /** Marks the run ended; the last file written, so a completed marker means complete reports. */
        void finish(RunState.Status status, String note) throws IOException {
            state.ended(status, note).write(folder);
        }
    }

    Opened open(Prepared p, Path spaceFile, String command) throws IOException {
        if (resume == null) {
            Path dir = out != null ? out : Path.of("reports", p.space().name() + "-" + LocalDateTime.now().format(STAMP));
            ReportFolder folder = ReportFolder.create(dir);
            folder.writeAtomically(SPACE_COPY, p.spaceText());
            RunState state = RunState.running(command, p.space().name());
            state.write(folder);
            return new Opened(folder, p.task(), state, null);
        }
        if (out != null) {
            throw new InvalidInputException("--resume " + resume + " and --out " + out
                    + ": give one (a resumed run writes into its own folder)");
        }
        if (!Files.isDirectory(resume)) {
            throw new InvalidInputException("--resume " + resume + ": no such run folder");
        }
        RunState state = RunState.read(resume);
        if (state.status() != RunState.Status.RUNNING) {
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
        SearchSpaceDefinition started = SearchSpaceDefinition.load(copy);
        if (!started.equals(p.space())) {
            throw new InvalidInputException("--resume " + resume + ": " + spaceFile + " differs from the space the run "
                    + "started with (" + differences(started, p.space()) + "); resume with " + copy);
        }
        // Read before anything in the folder changes, so a refused log leaves the folder as it was. No log: the
        // run was killed before its first row, so it starts over in its folder.
        Path trials = resume.resolve(ReportFolder.TRIALS);
        TrialLog.Recovered recovered = Files.exists(trials) ? TrialLog.read(trials) : null;
        ReportFolder folder = ReportFolder.resume(resume);
        SearchTask task = recovered == null ? p.task() : p.task().resuming(RecordedTrials.of(recovered.records()));
        return new Opened(folder, task, state, recovered);
    }

    /** The top-level parts of two spaces that differ, by their field names in the space file. */
    static String differences(SearchSpaceDefinition a, SearchSpaceDefinition b) {
        List<String> differ = new ArrayList<>();
        for (RecordComponent c : SearchSpaceDefinition.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    differ.add(switch (c.getName()) {
                        case "head" -> "model";
                        case "recipe" -> "training";
                        default -> c.getName();
                    });
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", differ);
    }

    /** The strategies among {@code outcomes} with no completed trial, e.g. "grid and analytical"; empty if none. */
    static String strategiesWithoutResult(SearchOutcome... outcomes) {
        List<String> failed = new ArrayList<>();
        for (SearchOutcome o : outcomes) {
            if (o.chosen().isEmpty()) {
                failed.add(o.strategy().label());
            }
        }
        return String.join(" and ", failed);
    }

    static void printResume(PrintWriter console, Opened opened) {
        if (opened.recovered() != null) {
            console.printf("resuming %s: %d finished trials in trials.csv are replayed, not trained again%s%n",
                    opened.folder().path(), opened.recovered().records().size(),
                    opened.recovered().tornBytes() > 0 ? " (a row cut off by the interruption was dropped)" : "");
        }
    }

    /** Warns when a resumed search did not ask for every recorded trial (its space, seeds or code changed). */
    static void printUnreplayed(PrintWriter console, Opened opened) {
        int left = opened.task().recorded().remaining();
        if (left > 0) {
            console.printf("warning: %d trials recorded in trials.csv were not proposed again and are not in this "
                    + "run's results%n", left);
        }
    }

    static void printHeader(PrintWriter console, Prepared p, ReportFolder folder) {
        SearchSpaceDefinition s = p.space();
        console.printf("space %s: data %s (%d train / %d validation / %d test rows), head %s, T in [%s, %s]%n",
                s.name(), s.data().source().spec(), p.task().data().trainRows(),
                p.task().data().validationFeatures().rows(), p.task().data().testFeatures().rows(), s.head(),
                s.temperature().min(), s.temperature().max());
        console.printf("training-free estimate T̂* = %s (%s coefficients), range ×%.3g; reports in %s%n",
                RunSummary.temperature(p.task().estimate().temperature()), p.task().estimate().coefficients().name(),
                p.task().rangeFactor(), folder.path());
        console.flush();
    }

    /** The line that reports an ended trial; its numbers are formatted as in the reports. */
    static String trialLine(TrialRecord record) {
        TrialResult r = record.result();
        return String.format(Locale.ROOT, "%-10s #%-3d T = %-9s %-9s val acc %s  val loss %s  test acc %s  (%.2f s)%s",
                record.strategy().label(), record.trial(), RunSummary.temperature(r.temperature()),
                r.completed() ? "completed" : "FAILED", RunSummary.accuracy(r.validationAccuracy()),
                RunSummary.number(r.validationLoss()), RunSummary.accuracy(r.testAccuracy()), r.seconds(),
                (r.completed() ? "" : " " + r.failureReason()) + robust(r) + (record.replayed() ? " (from trials.csv)" : ""));
    }

    private static String robust(TrialResult r) {
        var m = r.robustness();
        StringBuilder b = new StringBuilder();
        if (!Double.isNaN(m.noiseAccuracy())) {
            b.append("  noise ").append(RunSummary.accuracy(m.noiseAccuracy()));
        }
        if (!Double.isNaN(m.fgsmAccuracy())) {
            b.append("  FGSM ").append(RunSummary.accuracy(m.fgsmAccuracy()));
        }
        if (!Double.isNaN(m.pgdAccuracy())) {
            b.append("  PGD ").append(RunSummary.accuracy(m.pgdAccuracy()));
        }
        return b.toString();
    }

    /** The command as the user could type it again. */
    static String command(String name, Path space, ReportFolder folder, String extra) {
        return "bin/tstar " + name + " --space " + space + extra + " --out " + folder.path();
    }

    /** The bundled default space, found from the working directory or from the install folder bin/tstar sets. */
    static Path defaultSpace() {
        Path relative = Path.of("search-spaces", "digits-linear.yaml");
        String home = System.getenv("TSTAR_HOME");
        if (!Files.exists(relative) && home != null && Files.exists(Path.of(home).resolve(relative))) {
            return Path.of(home).resolve(relative);
        }
        return relative;
    }
}
