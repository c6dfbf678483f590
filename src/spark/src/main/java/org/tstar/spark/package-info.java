/**
 * Trials as Apache Spark tasks: the core's {@link org.tstar.search.trial.TrialExecutor} for a Spark master, with the split
 * broadcast once, learning curves relayed to the driver epoch by epoch, and Spark meters; registered through
 * {@code META-INF/services}. May import the core and Spark; the core never imports this package.
 */
package org.tstar.spark;
