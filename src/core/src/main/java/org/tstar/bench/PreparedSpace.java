package org.tstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tstar.InvalidInputException;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.trial.TrialExecutor;

/**
 * A space file loaded and checked and its task prepared (data loaded, T̂* estimated); nothing has been written
 * yet, so a refused input leaves no folder behind.
 */
public record PreparedSpace(Path file, SearchSpaceDefinition space, String text, SearchTask task) {

    /** Loads {@code spaceFile}; a refusal names the file and the field. */
    public static PreparedSpace load(Path spaceFile) {
        SearchSpaceDefinition space = SpaceFileReader.load(spaceFile);
        try {
            return new PreparedSpace(spaceFile, space, Files.readString(spaceFile), SearchTask.prepare(space));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(spaceFile + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(spaceFile + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** This space with its trials trained by {@code executor}. */
    public PreparedSpace on(TrialExecutor executor) {
        return new PreparedSpace(file, space, text, task.on(executor));
    }

    /** The bundled default space, found from the working directory or from the install folder bin/tstar sets. */
    public static Path defaultSpace() {
        Path relative = Path.of("search-spaces", "digits-linear.yaml");
        String home = System.getenv("TSTAR_HOME");
        if (!Files.exists(relative) && home != null && Files.exists(Path.of(home).resolve(relative))) {
            return Path.of(home).resolve(relative);
        }
        return relative;
    }
}
