/**
 * How long a trial trains: the pruner contract, the percentile (median) pruner, the rung plan of a
 * successive-halving bracket, the successive-halving pruner with its bracket progress and rung ranking, and
 * Hyperband's planner composing brackets. May import {@code search.sampler} (a bracket's start); nothing else of
 * search, and nothing of Arbiter.
 */
package org.tstar.search.fidelity;
