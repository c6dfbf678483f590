package org.tstar.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.tstar.InvalidInputException;

/**
 * The one writer of a run folder: an OS file lock on {@code run.lock}, held for the run's life, with the holder's
 * pid, host, start time and command written in the file so a refused second writer can say who holds it. The OS
 * drops the lock when its process dies, however it dies, so a lock file left by a killed run is stale and is
 * taken over.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private RunLock(Path file, FileChannel channel, FileLock lock, String previousHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /**
     * What {@code opening} makes while this lock is held; if it fails (a refused input, a folder that cannot be
     * written) the lock is released before the failure goes on, so a refused run leaves no lock held.
     */
    public <T> T whileOpening(java.util.function.Supplier<T> opening) {
        try {
            return opening.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Takes the lock of the run folder {@code dir} for {@code command}, or refuses naming the holder.
     *
     * @throws InvalidInputException when another process (or another run in this one) holds it
     */
    public static RunLock acquire(Path dir, String command) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot lock the run folder (" + e.getMessage() + ")");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InvalidInputException(dir + ": cannot lock the run folder (" + e.getMessage() + ")");
        }
        String holder = read(channel);
        if (lock == null) {
            closeQuietly(channel);
            throw new InvalidInputException(dir + ": in use by another tstar run (" + (holder.isEmpty() ? "holder unknown"
                    : holder) + "); wait for it to end or stop it first");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describe(command).getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ReportWriteException(file, e);
        }
        return new RunLock(file, channel, lock, holder);
    }

    /** Who held the lock before, when the lock file outlived its process (empty when it did not exist). */
    public String staleHolder() {
        return previousHolder;
    }

    /** Releases the lock and removes its file: the folder has no writer any more. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } catch (IOException ignored) {
            // the OS releases the lock with the channel in any case
        }
        closeQuietly(channel);
    }

    private static String describe(String command) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now() + ": " + command;
    }

    private static String read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
