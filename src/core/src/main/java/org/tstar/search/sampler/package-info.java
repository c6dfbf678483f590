/**
 * Where a search's temperatures come from, free of Arbiter and of training: the analytical search's seeded
 * bracketing rule in ln T, and the starts of a successive-halving bracket (seeded at T̂*, or log-uniform). A sampler
 * proposes; it never decides how long a trial trains. Imports nothing of tstar.
 */
package org.tstar.search.sampler;
