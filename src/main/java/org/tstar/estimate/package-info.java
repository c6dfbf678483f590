/**
 * Training-free estimates of the optimal temperature: the analytical T̂* with its coefficients and provenance,
 * the cumulative spectral gradient, feature statistics, the statistics heuristic and the coefficient fit. May
 * import {@code data} only; it never trains a network and never reads a report.
 */
package org.tstar.estimate;
