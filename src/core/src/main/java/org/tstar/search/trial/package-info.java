/**
 * What a search trial is and what it produced, whoever proposed it: the strategy table, the score, a trial's result
 * record and learning-curve point, the listener told as trials run, the record an interrupted run replays, and where
 * trials train (this JVM or a cluster's executor). May import {@code data}, {@code model} and {@code robustness};
 * nothing else of search.
 */
package org.tstar.search.trial;
