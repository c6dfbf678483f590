package org.tstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tstar.InvalidInputException;
import org.tstar.estimate.FeatureStatistics;
import org.tstar.report.BenchmarkTable;
import org.tstar.report.ReportFolder;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;

/**
 * One task-and-seed folder of a benchmark suite, as a resume finds it: finished (its {@code task.csv} row, written
 * last, is the truth the suite's tables are rebuilt from), in progress (trials to replay), or not started. It does
 * not decide what runs next; {@link SuiteRun} does.
 */
record SuiteTaskFolder(Path dir, String task, long seed) {
    /** The task's tasks.csv row alone: written whole after everything else in the folder, so it marks it finished. */
    static final String ROW = "task.csv";
    /** The task's statistics.csv row alone, written just before {@link #ROW}. */
    static final String STATISTICS = "task-statistics.csv";

    static SuiteTaskFolder of(Path suite, BenchmarkSuite.Task task, long seed) {
        return new SuiteTaskFolder(suite.resolve(task.name() + "-seed" + seed), task.name(), seed);
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    boolean finished() {
        return Files.isRegularFile(dir.resolve(ROW));
    }

    /**
     * Refuses a folder whose recorded space is not what the suite defines for this task and seed now, naming the
     * task and the space-file keys that differ; nothing is written.
     */
    void checkSameSpace(BenchmarkSuite.Task definition, Path resume) {
        Path copy = dir.resolve(OpenedRun.SPACE_COPY);
        if (!Files.isRegularFile(copy)) {
            // killed between creating the folder and writing its space: nothing of it was measured
            return;
        }
        SearchSpaceDefinition started = SpaceFileReader.load(copy);
        SearchSpaceDefinition now = definition.space(seed);
        if (!started.equals(now)) {
            throw new InvalidInputException("--resume " + resume + ": task " + task + " seed " + seed + " was run with "
                    + "another definition than the suite gives now (" + OpenedRun.differences(started, now)
                    + " differ); resume with the suite file it started with, or start a new folder");
        }
    }

    /** The finished folder's row and statistics, as they were written. */
    Finished read() {
        List<BenchmarkTable.Row> rows = BenchmarkTable.read(dir.resolve(ROW));
        List<BenchmarkTable.TaskStatistics> statistics = BenchmarkTable.readStatistics(dir.resolve(STATISTICS));
        if (rows.size() != 1 || statistics.size() != 1) {
            throw new InvalidInputException(dir + ": " + ROW + " and " + STATISTICS + " must hold one row each");
        }
        return new Finished(rows.get(0), statistics.get(0).statistics());
    }

    /** Writes the row files, statistics first, so a folder with {@link #ROW} has both. */
    static void finish(ReportFolder folder, BenchmarkTable.Row row, FeatureStatistics statistics) {
        folder.writeAtomically(STATISTICS, BenchmarkTable.statisticsCsv(List.of(row), List.of(statistics)));
        folder.writeAtomically(ROW, BenchmarkTable.csv(List.of(row)));
    }

    /** A finished task's row and its training split's statistics. */
    record Finished(BenchmarkTable.Row row, FeatureStatistics statistics) {
    }

    /** What the interrupted task wrote, read before anything in its folder changes. */
    InterruptedTrials progress() {
        return InterruptedTrials.read(dir);
    }
}
