/**
 * The Arbiter plugin: the temperature leaf, the analytical seed generator, the task creator, termination, the
 * strategies and the comparison of two searches on one task. May import {@code data}, {@code estimate},
 * {@code model} and {@code robustness}; never {@code report}, {@code metrics}, {@code bench} or {@code cli}.
 */
package org.tstar.search;
