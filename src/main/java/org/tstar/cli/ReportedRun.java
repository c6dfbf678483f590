package org.tstar.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.tstar.InvalidInputException;
import org.tstar.model.TrialResult;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunSummary;
import org.tstar.search.SearchSpaceDefinition;
import org.tstar.search.SearchTask;
import org.tstar.search.TrialRecord;
import picocli.CommandLine.Option;

/**
 * The options and steps {@code search} and {@code compare} share: which space, where the reports go, loading
 * and checking everything before the report folder is created (so a refused input leaves no folder), and the
 * console line printed as each trial ends.
 */
final class ReportedRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--out", description = "Report folder, new or empty (default: reports/<space-name>-<timestamp>/).")
    Path out;

    @Option(names = "--verbose", description = "Log at info level and show stack traces.")
    boolean verbose;

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
    record Prepared(SearchSpaceDefinition space, SearchTask task) {
    }

    static Prepared prepare(Path spaceFile) {
        SearchSpaceDefinition space = SearchSpaceDefinition.load(spaceFile);
        try {
            return new Prepared(space, SearchTask.prepare(space));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(spaceFile + ": " + e.getMessage());
        }
    }

    ReportFolder createFolder(SearchSpaceDefinition space) {
        Path dir = out != null ? out : Path.of("reports", space.name() + "-" + LocalDateTime.now().format(STAMP));
        return ReportFolder.create(dir);
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
                r.completed() ? "" : " " + r.failureReason());
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
