/**
 * Runs and benchmarks as plain types, callable without a command line: a reported search or comparison from
 * folder to completed marker (resume, metrics, charts), benchmark suites, throughput, estimate cost, robustness,
 * and the coefficient refit from suite reports. May import every package but {@code cli}.
 */
package org.tstar.bench;
