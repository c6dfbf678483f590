/**
 * Training-free estimates of the optimal temperature: the analytical T̂* with its coefficients and provenance,
 * the cumulative spectral gradient, feature statistics, the statistics heuristic, the coefficient fit, and the
 * transfer prior (its training-free task predictors, the closed-form separability probe, the fit that chooses
 * predictors by leave-one-dataset-out error). May import {@code data} only; it never trains a network and never
 * reads a report.
 */
package org.tstar.estimate;
