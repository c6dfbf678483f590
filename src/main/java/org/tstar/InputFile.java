package org.tstar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file the user named, read whole: a missing or unreadable one becomes the one-line refusal every input gets
 * ({@link InvalidInputException}), never an I/O stack trace.
 */
public final class InputFile {
    private InputFile() {
    }

    /** @param whenMissing the whole message when the file does not exist, e.g. {@code "x.yaml: no such space file"} */
    public static String readString(Path file, String whenMissing) {
        return new String(readAllBytes(file, whenMissing), StandardCharsets.UTF_8);
    }

    public static byte[] readAllBytes(Path file, String whenMissing) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(whenMissing);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
