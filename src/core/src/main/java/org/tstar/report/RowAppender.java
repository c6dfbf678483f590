package org.tstar.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A CSV file that grows a whole row at a time, each row on disk as soon as it is written: a row that cannot be
 * written whole is cut off again, so the file always ends with its last complete row, and the failure is thrown
 * (and thrown again on every later row: a log with a gap is worse than a stopped run).
 */
final class RowAppender implements Closeable {
    private static final CSVFormat ROW = CSVFormat.DEFAULT;

    private final Path file;
    private final FileChannel channel;
    /** Length of the file up to its last complete row. */
    private long complete;
    private ReportWriteException failure;

    private RowAppender(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.complete = channel.size();
    }

    /** A new file holding {@code header}. */
    static RowAppender create(Path file, List<String> header) {
        try {
            RowAppender out = new RowAppender(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            out.write(header);
            return out;
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
    }

    /** An existing file, cut to {@code keepBytes} (its complete rows) and reopened at its end. */
    static RowAppender append(Path file, long keepBytes) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.truncate(keepBytes);
            channel.position(keepBytes);
            return new RowAppender(file, channel);
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
    }

    /** @throws ReportWriteException naming the file and the cause */
    synchronized void write(List<?> cells) {
        if (failure != null) {
            throw failure;
        }
        ByteBuffer bytes = ByteBuffer.wrap((ROW.format(cells.toArray()) + ROW.getRecordSeparator())
                .getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            complete = channel.position();
        } catch (IOException e) {
            try {
                channel.truncate(complete);
                channel.position(complete);
            } catch (IOException ignored) {
                // a resume drops a row without its newline in any case
            }
            failure = new ReportWriteException(file, e);
            throw failure;
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
    }
}
