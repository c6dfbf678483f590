package org.tstar.bench;

import java.nio.file.Path;
import org.tstar.InvalidInputException;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SparkSettings;

/**
 * Where a reported run writes and what it serves while it runs: the settings {@code search} and {@code compare}
 * share, checked when made so a bad value is refused before any folder exists.
 *
 * @param out the report folder, new or empty; null for {@code reports/<space>-<timestamp>/}
 * @param resume the folder of an interrupted run to finish; null for a new run
 * @param metricsPort the Prometheus endpoint's port (0: any free one); null for no endpoint
 * @param metricsHost the address the endpoint binds to
 * @param metricsLinger seconds the endpoint stays up after the run
 * @param sparkMaster the Spark master trials run on, over the space's {@code spark.master}; null for the space's
 * @param sparkConf Spark settings over the space's {@code spark.conf}
 */
public record RunSettings(Path out, Path resume, Integer metricsPort, String metricsHost, int metricsLinger,
                          String sparkMaster, java.util.Map<String, String> sparkConf) {
    public RunSettings {
        sparkConf = java.util.Map.copyOf(sparkConf);
        if (sparkMaster != null && !SparkSettings.validMaster(sparkMaster)) {
            throw new InvalidInputException("--spark-master: '" + sparkMaster + "' "
                    + SparkSettings.MASTER_FORMS);
        }
        for (String key : sparkConf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw new InvalidInputException("--spark-conf: '" + key + "' is not a Spark setting (spark.*)");
            }
        }
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

    /** Settings whose trials run where the space says. */
    public RunSettings(Path out, Path resume, Integer metricsPort, String metricsHost, int metricsLinger) {
        this(out, resume, metricsPort, metricsHost, metricsLinger, null, java.util.Map.of());
    }

    /** A new run into {@code out}, without metrics endpoint (tests and other front ends). */
    public static RunSettings into(Path out) {
        return new RunSettings(out, null, null, "127.0.0.1", 0);
    }

    /** Where {@code space}'s trials run under these settings. */
    public SparkSettings spark(SearchSpaceDefinition space) {
        return space.spark().overriddenBy(sparkMaster, sparkConf);
    }

    /** The Spark options as typed, for the command lines a run's reports repeat ("" when none). */
    public String sparkOptions() {
        StringBuilder b = new StringBuilder();
        if (sparkMaster != null) {
            b.append(" --spark-master '").append(sparkMaster).append("'");
        }
        new java.util.TreeMap<>(sparkConf).forEach((k, v) -> b.append(" --spark-conf ").append(k).append('=').append(v));
        return b.toString();
    }
}
