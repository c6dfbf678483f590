package org.tstar.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.tstar.metrics.MetricsEndpoint;
import org.tstar.metrics.TuningMetrics;
import org.tstar.report.ReportFolder;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialExecutor;

/**
 * A run's metrics: a Prometheus registry with the space as common tag, tstar's meters bound to it, the HTTP
 * endpoint when a port was asked for, and the final exposition written to {@code metrics.prom}.
 */
public final class RunMetrics implements AutoCloseable {
    public static final String EXPOSITION = "metrics.prom";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TuningMetrics metrics = new TuningMetrics();
    private final MetricsEndpoint endpoint;
    private final int epochs;

    /** Metrics of a run on {@code space}; the endpoint {@code settings} ask for is bound now. */
    public static RunMetrics start(SearchSpaceDefinition space, RunSettings settings) {
        return start(space, settings, TrialExecutor.LOCAL);
    }

    /** As above, with the meters of an executor that has its own (a Spark cluster: trials per executor, queue wait). */
    public static RunMetrics start(SearchSpaceDefinition space, RunSettings settings, TrialExecutor executor) {
        RunMetrics metrics = new RunMetrics(space.name(), space.recipe().epochs(), settings.metricsPort(),
                settings.metricsHost());
        if (executor instanceof MeterBinder binder) {
            binder.bindTo(metrics.registry);
        }
        return metrics;
    }

    /** @param port null for no endpoint */
    RunMetrics(String space, int epochs, Integer port, String host) {
        this.epochs = epochs;
        registry.config().commonTags("space", space);
        metrics.bindTo(registry);
        endpoint = port == null ? null : MetricsEndpoint.start(host, port, registry);
    }

    public TuningMetrics metrics() {
        return metrics;
    }

    public List<StatusListener> listeners(Strategy strategy) {
        return List.of(metrics.listener(strategy, epochs));
    }

    public void printEndpoint(PrintWriter console) {
        if (endpoint != null) {
            console.printf("metrics: %s%n", endpoint.url());
        }
    }

    public void writeExposition(ReportFolder folder) {
        folder.writeAtomically(EXPOSITION, registry.scrape());
    }

    /** Keeps the endpoint up for {@code seconds} after the run, so a scraper catches the final values. */
    public void linger(PrintWriter console, int seconds) throws InterruptedException {
        if (endpoint != null && seconds > 0) {
            console.printf("serving the final metrics for %d s more%n", seconds);
            console.flush();
            Thread.sleep(seconds * 1000L);
        }
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        registry.close();
    }
}
