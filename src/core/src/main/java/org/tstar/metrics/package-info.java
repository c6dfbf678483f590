/**
 * Micrometer meters of tuning cost, the Arbiter status-listener bridge and the Prometheus endpoint. May import
 * {@code data} to {@code search}; never {@code report}, {@code bench} or {@code cli}.
 */
package org.tstar.metrics;
