package org.tstar.search;

import java.util.Locale;
import org.tstar.InvalidInputException;

/**
 * How a temperature search proposes its trials and how long each trains: tstar's analytical seed (full trials) or
 * its seeded successive halving, Arbiter's full grid or random search, and successive halving or Hyperband from a
 * log-uniform start (the multi-fidelity searches a user would run without the seed).
 */
public enum Strategy {
    ANALYTICAL, GRID, RANDOM, ANALYTICAL_SH, SH, HYPERBAND;

    /** The name in reports, metrics tags and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("strategy: '" + text + "' is not analytical, grid, random, analytical-sh, sh or hyperband");
    }
}
