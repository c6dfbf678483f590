/**
 * The adapters to DL4J Arbiter: tstar's candidate generators (analytical seed, successive halving, budgeted random,
 * log grid), the task creator and one task's run, the score function, the termination conditions and the runner
 * wiring. They are handed values (a generator, a pruner, a trial, a score), never the space file. May import
 * {@code model}, {@code search.trial}, {@code search.space}, {@code search.sampler} and {@code search.fidelity}.
 */
package org.tstar.search.arbiter;
