/**
 * The classifier heads and their training: the {@code TemperatureScale} activation, BN+linear, MLP and cosine
 * heads, the recipe and the one trainer that builds, fits and scores a trial. May import {@code data} and
 * {@code robustness}; it knows nothing of searches, Arbiter or reports.
 */
package org.tstar.model;
