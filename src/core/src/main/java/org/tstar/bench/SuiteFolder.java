package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.tstar.InvalidInputException;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunLock;
import org.tstar.report.RunState;

/**
 * A benchmark suite's folder, locked for one writer: new and empty, or the folder of an interrupted suite checked
 * to be the same suite, every task folder in it still what the suite defines. The lock is taken before anything
 * in the folder is read for the resume or written, and held until {@link #close}.
 */
record SuiteFolder(ReportFolder folder, RunLock lock, RunState state) implements AutoCloseable {

    static SuiteFolder create(Path dir, String command, BenchmarkSuite suite) {
        ReportFolder folder = ReportFolder.create(dir);
        RunLock lock = ReportFolder.lockNew(dir, command);
        return lock.whileOpening(() -> {
            RunState state = RunState.running(command, suite.name());
            state.write(folder);
            return new SuiteFolder(folder, lock, state);
        });
    }

    /** Refuses, in one line and touching nothing, a folder that is not this suite's interrupted run. */
    static SuiteFolder resume(Path dir, String command, BenchmarkSuite suite) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("--resume " + dir + ": no such benchmark folder");
        }
        RunState.read(dir); // a tstar run folder, before a lock file is made in it
        RunLock lock = RunLock.acquire(dir, command);
        return lock.whileOpening(() -> {
            RunState before = RunState.read(dir);
            if (!before.command().startsWith("bench --suite ")) {
                throw new InvalidInputException("--resume " + dir + ": it is a '" + before.command()
                        + "' run; resume it with that command");
            }
            if (!before.space().equals(suite.name())) {
                throw new InvalidInputException("--resume " + dir + ": it is a run of suite '" + before.space()
                        + "', not of '" + suite.name() + "'");
            }
            if (!before.resumable()) {
                throw new InvalidInputException("--resume " + dir + ": that benchmark already ended ("
                        + before.status().name().toLowerCase(Locale.ROOT) + "); there is nothing to resume");
            }
            checkTaskFolders(dir, suite);
            ReportFolder folder = ReportFolder.resume(dir);
            RunState state = RunState.running(command, suite.name());
            state.write(folder);
            return new SuiteFolder(folder, lock, state);
        });
    }

    /** Every task folder present belongs to a task and seed of the suite as it is now, with the same definition. */
    private static void checkTaskFolders(Path dir, BenchmarkSuite suite) {
        Set<Path> known = new HashSet<>();
        for (BenchmarkSuite.Task task : suite.tasks()) {
            for (long seed : task.seeds()) {
                SuiteTaskFolder taskDir = SuiteTaskFolder.of(dir, task, seed);
                known.add(taskDir.dir().getFileName());
                if (taskDir.exists()) {
                    taskDir.checkSameSpace(task, dir);
                }
            }
        }
        List<Path> strangers;
        try (Stream<Path> entries = Files.list(dir)) {
            strangers = entries.filter(Files::isDirectory).map(Path::getFileName).filter(p -> !known.contains(p)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("--resume " + dir + ": cannot read (" + e.getMessage() + ")");
        }
        if (!strangers.isEmpty()) {
            throw new InvalidInputException("--resume " + dir + ": task folder " + strangers.get(0) + " is not a task and "
                    + "seed of the suite now (a task was renamed or removed); resume with the suite file it started with");
        }
    }

    @Override
    public void close() {
        lock.close();
    }
}
