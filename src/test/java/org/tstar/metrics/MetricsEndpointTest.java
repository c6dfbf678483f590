package org.tstar.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;

/** The Prometheus endpoint: loopback by default, the text exposition at /metrics. */
class MetricsEndpointTest {

    @Test
    void servesTheExpositionOnLoopbackByDefault() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(registry);
        metrics.recordEstimate(1.085);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 0, registry)) {
            assertThat(endpoint.address().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(response.body()).contains("tstar_estimated_temperature 1.085");
        }
    }

    @Test
    void aPortInUseIsAOneLineRefusal() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsEndpoint first = MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 0, registry)) {
            int port = first.address().getPort();
            assertThatThrownBy(() -> MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, port, registry))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("--metrics-port " + port);
        }
        assertThatThrownBy(() -> MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 70_000, registry))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a port");
    }
}
