/**
 * Data: feature sets, seeded stratified splits, the loaders (bundled digits, IDX, CSV, synthetic mixtures) and
 * feature maps (random-ReLU, PCA). The bottom of the flow: it imports nothing of tstar but the root types
 * ({@code InputFile}, {@code InvalidInputException}, {@code ConfigMap}); nothing here knows about temperatures.
 */
package org.tstar.data;
