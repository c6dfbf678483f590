package org.tstar.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.tstar.InvalidInputException;
import org.tstar.model.TrialResult;
import org.tstar.report.ReportFolder;
import org.tstar.report.TrialLog;
import org.tstar.search.TrialListener;
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

    /** Appends each ended trial to the trial log, then prints its line. */
    static TrialListener logAndPrint(TrialLog log, PrintWriter console) {
        return r -> {
            log.trialEnded(r);
            printTrial(console, r);
        };
    }

    /** The line printed as a trial ends; its numbers are formatted as in the reports. */
    static void printTrial(PrintWriter console, TrialRecord record) {
        TrialResult r = record.result();
        synchronized (console) {
            console.printf("%-10s #%-3d T = %-9s %-9s val acc %s  val loss %s  test acc %s  (%.2f s)%s%n",
                    record.strategy().label(), record.trial(), RunSummary.temperature(r.temperature()),
                    r.completed() ? "completed" : "FAILED", RunSummary.accuracy(r.validationAccuracy()),
                    RunSummary.number(r.validationLoss()), RunSummary.accuracy(r.testAccuracy()), r.seconds(),
                    r.completed() ? "" : " " + r.failureReason());
            console.flush();
        }
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
