/**
 * What a run leaves behind: the trial log, comparison and benchmark tables, summaries, charts, the run-state
 * marker and the report folder. May import everything below it ({@code data} to {@code search}); never
 * {@code metrics}, {@code bench} or {@code cli}.
 */
package org.tstar.report;
