package org.tstar.report;

import org.tstar.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tstar.InvalidInputException;

/**
 * The marker {@code run-state.yaml} in a report folder: whether the run is still running (or was killed),
 * completed, failed (every trial of a strategy failed, or a report could not be written) or was interrupted by a
 * signal; which command made it, so a resume can check it continues the same kind of run; and whether it can be
 * resumed. Written whole and renamed, like every report file but {@code trials.csv}.
 */
public record RunState(Status status, String command, String space, String started, String ended, String note,
                       boolean resumable) {
    public static final String FILE = "run-state.yaml";

    /** How the run stands; {@code RUNNING} after a kill too. */
    public enum Status {
        RUNNING, COMPLETED, FAILED, INTERRUPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RunState running(String command, String space) {
        return new RunState(Status.RUNNING, command, space, Instant.now().toString(), "", "", true);
    }

    /** The run ended for good: completed, or failed with nothing left to run. */
    public RunState ended(Status status, String note) {
        return new RunState(status, command, space, started, Instant.now().toString(), note, false);
    }

    /** The run stopped before its end (a write failure, a signal); what it wrote can be resumed. */
    public RunState stopped(Status status, String note) {
        return new RunState(status, command, space, started, Instant.now().toString(), note, true);
    }

    /** Plain {@code key: value} lines (YAML), values on one line. */
    String text() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status.label());
        fields.put("command", command);
        fields.put("space", space);
        fields.put("started", started);
        fields.put("ended", ended);
        fields.put("note", note);
        fields.put("resumable", Boolean.toString(resumable));
        StringBuilder b = new StringBuilder("# tstar run state: running (or killed), completed, failed or interrupted\n");
        fields.forEach((k, v) -> b.append(k).append(": '").append(v.replace("'", "''").replaceAll("\\s+", " ")).append("'\n"));
        return b.toString();
    }

    /**
     * Writes the marker whole and renamed; when that fails (a full disk has no room for a second copy) the marker
     * is overwritten in place, which needs no new space, so a run stopped by a full disk still says so.
     */
    public void write(ReportFolder folder) {
        try {
            folder.writeAtomically(FILE, text());
        } catch (ReportWriteException e) {
            Path file = folder.file(FILE);
            if (!Files.isRegularFile(file)) {
                throw e;
            }
            byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, bytes.length - buffer.remaining());
                }
                channel.truncate(bytes.length);
            } catch (IOException again) {
                throw e;
            }
        }
    }

    /** Reads a folder's marker; a missing or foreign one is refused naming the folder. */
    public static RunState read(Path dir) {
        Path file = dir.resolve(FILE);
        String text = InputFile.readString(file, InputFile.CONFIG_LIMIT, dir + ": not a tstar run folder (no " + FILE + ")");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": '");
            if (colon < 0 || !line.endsWith("'")) {
                throw new InvalidInputException(file + ": line '" + line + "' is not tstar's key: 'value'");
            }
            fields.put(line.substring(0, colon), line.substring(colon + 3, line.length() - 1).replace("''", "'"));
        }
        Status status = null;
        for (Status s : Status.values()) {
            if (s.label().equals(fields.get("status"))) {
                status = s;
            }
        }
        if (status == null || !fields.containsKey("command") || !fields.containsKey("space")) {
            throw new InvalidInputException(file + ": needs status (running, completed, failed or interrupted), command and space");
        }
        // markers written before the key existed: only a running (killed) run could be resumed
        boolean resumable = fields.containsKey("resumable") ? Boolean.parseBoolean(fields.get("resumable"))
                : status == Status.RUNNING;
        return new RunState(status, fields.get("command"), fields.get("space"), fields.getOrDefault("started", ""),
                fields.getOrDefault("ended", ""), fields.getOrDefault("note", ""), resumable);
    }
}
