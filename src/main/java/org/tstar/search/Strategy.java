package org.tstar.search;

import java.util.Locale;
import org.tstar.InvalidInputException;

/** How a temperature search proposes its trials: tstar's analytical seed, Arbiter's full grid, or Arbiter's random search. */
public enum Strategy {
    ANALYTICAL, GRID, RANDOM;

    /** The name in reports, metrics tags and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("strategy: '" + text + "' is not analytical, grid or random");
    }
}
