package org.tstar.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that put a run's trials on Spark: {@code --spark-master} and {@code --spark-conf}. */
final class SparkOptions {
    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Train the trials on this Spark master (local[2], spark://HOST:7077, ...); needs tstar-spark, which bin/tstar adds once built.")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for the trials' Spark application (repeatable), over the file's spark.conf.")
    Map<String, String> conf = new LinkedHashMap<>();
}
