package org.tstar.cli;

import java.nio.file.Path;
import org.tstar.bench.RunSettings;
import picocli.CommandLine.Option;

/** The options {@code search} and {@code compare} share: where the reports go, resume, the metrics endpoint. */
final class RunOptions {
    @Option(names = "--out", description = "Report folder, new or empty (default: reports/<space-name>-<timestamp>/).")
    Path out;

    @Option(names = "--verbose", description = "Log at info level and show stack traces.")
    boolean verbose;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted run in DIR: its finished trials are replayed from its trials.csv, the rest are run.")
    Path resume;

    @Option(names = "--metrics-port", description = "Serve Prometheus metrics at http://HOST:PORT/metrics during the run (0: any free port).")
    Integer metricsPort;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds to (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--metrics-linger", defaultValue = "0",
            description = "Seconds to keep the metrics endpoint up after the run (default: ${DEFAULT-VALUE}).")
    int metricsLinger;

    @picocli.CommandLine.Mixin
    SparkOptions spark;

    RunSettings settings() {
        return new RunSettings(out, resume, metricsPort, metricsHost, metricsLinger, spark.master, spark.conf);
    }
}
