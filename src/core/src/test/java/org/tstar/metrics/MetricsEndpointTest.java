package org.tstar.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;

/**
 * The Prometheus endpoint: loopback by default, the text exposition at exactly /metrics for GET and HEAD, and a
 * client that holds a half-sent request open does not hold up a concurrent scrape.
 */
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

    @Test
    void aHeldOpenHalfRequestDoesNotStopAConcurrentScrape() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TuningMetrics().bindTo(registry);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 0, registry);
             Socket stuck = new Socket("127.0.0.1", endpoint.address().getPort())) {
            // request line and one header, never the blank line that ends the request
            stuck.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush();
            Thread.sleep(200);
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("tstar_estimated_temperature");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void answersOnlyGetAndHeadOfExactlyMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 0, registry)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + endpoint.address().getPort();
            assertThat(endpoint.url()).isEqualTo(base + "/metrics");
            assertThat(status(client, HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()))).isEqualTo(200);
            assertThat(status(client, HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")))).isEqualTo(405);
            assertThat(status(client, HttpRequest.newBuilder(URI.create(base + "/metricsx")))).isEqualTo(404);
            assertThat(status(client, HttpRequest.newBuilder(URI.create(base + "/metrics/x")))).isEqualTo(404);
            assertThat(status(client, HttpRequest.newBuilder(URI.create(base + "/")))).isEqualTo(404);
        }
    }

    @Test
    void anIpv6AddressIsBracketedInTheUrl() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start("::1", 0, registry);
        } catch (InvalidInputException noIpv6) {
            Assumptions.abort("no IPv6 loopback on this machine: " + noIpv6.getMessage());
            return;
        }
        try (endpoint) {
            assertThat(endpoint.url()).isEqualTo("http://[0:0:0:0:0:0:0:1]:" + endpoint.address().getPort() + "/metrics");
        }
    }

    private static int status(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
