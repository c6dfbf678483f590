/**
 * The softmax temperature as an Arbiter parameter space: a log-uniform leaf, and its adapter into a user's layer
 * space. May import {@code model} (the temperature activation); nothing of search.
 */
package org.tstar.search.space;
