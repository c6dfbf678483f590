/**
 * The space file: {@code SearchSpaceDefinition} grouped into task, search and execution settings, the records of
 * each block, and the reader that checks every key and value. It reads and checks; it builds no generator, pruner
 * or executor. May import {@code data}, {@code estimate}, {@code model}, {@code robustness} and {@code search.trial}
 * (the score); never {@code search.fidelity}, {@code search.arbiter} or the search package itself.
 */
package org.tstar.search.config;
