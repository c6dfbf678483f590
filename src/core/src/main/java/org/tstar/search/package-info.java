/**
 * A search made ready and run: the prepared task (data loaded once, T̂* estimated), the source of its estimate, each
 * strategy's plan (generator, pruner, threads, where trials train, read from the strategy table), the outcome of a
 * search and the comparison of two on one task. The rules themselves live in the subpackages, bottom up:
 * {@code trial} (what a trial is and produced), {@code space} (the temperature as an Arbiter leaf), {@code sampler}
 * (where temperatures come from), {@code fidelity} (how long a trial trains), {@code config} (the space file) and
 * {@code arbiter} (the adapters to Arbiter's runner). May import those, {@code data}, {@code estimate}, {@code model}
 * and {@code robustness}; never {@code report}, {@code metrics}, {@code bench} or {@code cli}.
 */
package org.tstar.search;
