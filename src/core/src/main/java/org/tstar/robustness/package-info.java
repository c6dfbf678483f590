/**
 * Robustness of a trained network: input gradients through an inference-equivalent copy, Gaussian noise, FGSM
 * and PGD, and the robust scores of a trial. May import {@code data} only; {@code model} uses it while training.
 */
package org.tstar.robustness;
