package org.tstar.search.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The space's {@code spark:} block: the master URL its trials run on ({@code local[2]}, {@code spark://host:7077},
 * ...) and extra Spark settings; {@link #LOCAL} (no master) trains in this JVM. {@code --spark-master} overrides.
 */
public record SparkSettings(String master, Map<String, String> conf) {
    public static final SparkSettings LOCAL = new SparkSettings(null, Map.of());
    public static final String MASTER_FORMS = "must be local, local[N], local[N,F], local[*], spark://HOST:PORT[,HOST:PORT], "
            + "yarn or k8s://URL";

    /** The master URL forms Spark accepts, checked here so a typo is refused before any data loads. */
    public static boolean validMaster(String master) {
        return master != null && (master.matches("local(\\[(\\d+|\\*)(,\\d+)?\\])?")
                || master.matches("spark://[^\\s/]+:\\d+(,[^\\s/]+:\\d+)*") || master.equals("yarn")
                || master.matches("k8s://\\S+"));
    }

    public SparkSettings {
        conf = Map.copyOf(conf);
    }

    /** These settings with {@code master} (when given) and {@code extra} settings over the file's own. */
    public SparkSettings overriddenBy(String otherMaster, Map<String, String> extra) {
        Map<String, String> merged = new TreeMap<>(conf);
        merged.putAll(extra);
        return new SparkSettings(otherMaster != null ? otherMaster : master, merged);
    }
}
