package org.tstar.bench;

import java.nio.file.Path;
import org.tstar.InvalidInputException;

/**
 * Where a reported run writes and what it serves while it runs: the settings {@code search} and {@code compare}
 * share, checked when made so a bad value is refused before any folder exists.
 *
 * @param out the report folder, new or empty; null for {@code reports/<space>-<timestamp>/}
 * @param resume the folder of an interrupted run to finish; null for a new run
 * @param metricsPort the Prometheus endpoint's port (0: any free one); null for no endpoint
 * @param metricsHost the address the endpoint binds to
 * @param metricsLinger seconds the endpoint stays up after the run
 */
public record RunSettings(Path out, Path resume, Integer metricsPort, String metricsHost, int metricsLinger) {
    public RunSettings {
        if (metricsLinger < 0 || metricsLinger > 86_400) {
            throw new InvalidInputException("--metrics-linger: " + metricsLinger + " is not in 0..86400 seconds");
        }
        if (metricsLinger > 0 && metricsPort == null) {
            throw new InvalidInputException("--metrics-linger needs --metrics-port");
        }
        if (resume != null && out != null) {
            throw new InvalidInputException("--resume " + resume + " and --out " + out
                    + ": give one (a resumed run writes into its own folder)");
        }
    }

    /** A new run into {@code out}, without metrics endpoint (tests and other front ends). */
    public static RunSettings into(Path out) {
        return new RunSettings(out, null, null, "127.0.0.1", 0);
    }
}
