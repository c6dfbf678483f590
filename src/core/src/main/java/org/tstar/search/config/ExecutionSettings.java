package org.tstar.search.config;

/**
 * How a space's trials run: how many at once, whether they record learning curves, and where they train (this
 * JVM or a Spark master). None of it changes what a trial learns.
 */
public record ExecutionSettings(int parallelism, boolean learningCurves, SparkSettings spark) {

    public ExecutionSettings withLearningCurves(boolean on) {
        return new ExecutionSettings(parallelism, on, spark);
    }
}
