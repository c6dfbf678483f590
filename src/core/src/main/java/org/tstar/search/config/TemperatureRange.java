package org.tstar.search.config;

/** The temperature interval searched, and how many log-spaced points the full grid evaluates. */
public record TemperatureRange(double min, double max, int gridPoints) {
}
