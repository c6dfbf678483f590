package org.tstar.report;

import org.tstar.InputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tstar.InvalidInputException;

/**
 * The marker {@code run-state.yaml} in a report folder: whether the run is still running (or was killed),
 * completed, or ended with every trial of a strategy failed; which command made it, so a resume can check it
 * continues the same kind of run. Written whole and renamed, like every report file but {@code trials.csv}.
 */
public record RunState(Status status, String command, String space, String started, String ended, String note) {
    public static final String FILE = "run-state.yaml";

    /** How the run stands; {@code RUNNING} after a kill too, which is what makes a folder resumable. */
    public enum Status {
        RUNNING, COMPLETED, FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RunState running(String command, String space) {
        return new RunState(Status.RUNNING, command, space, Instant.now().toString(), "", "");
    }

    public RunState ended(Status status, String note) {
        return new RunState(status, command, space, started, Instant.now().toString(), note);
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
        StringBuilder b = new StringBuilder("# tstar run state: running (or killed), completed or failed\n");
        fields.forEach((k, v) -> b.append(k).append(": '").append(v.replace("'", "''").replaceAll("\\s+", " ")).append("'\n"));
        return b.toString();
    }

    public void write(ReportFolder folder) throws IOException {
        folder.writeAtomically(FILE, text());
    }

    /** Reads a folder's marker; a missing or foreign one is refused naming the folder. */
    public static RunState read(Path dir) {
        Path file = dir.resolve(FILE);
        String text = InputFile.readString(file, dir + ": not a tstar run folder (no " + FILE + ")");
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
            throw new InvalidInputException(file + ": needs status (running, completed or failed), command and space");
        }
        return new RunState(status, fields.get("command"), fields.get("space"), fields.getOrDefault("started", ""),
                fields.getOrDefault("ended", ""), fields.getOrDefault("note", ""));
    }
}
