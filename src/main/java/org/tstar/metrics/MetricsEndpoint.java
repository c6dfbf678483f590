package org.tstar.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.tstar.InvalidInputException;

/**
 * Serves a registry's Prometheus text exposition at {@code /metrics} over HTTP, on 127.0.0.1 unless told
 * otherwise (tuning metrics are for a local scraper, not the network).
 */
public final class MetricsEndpoint implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** @param port 0 picks a free port ({@link #address()} tells which) */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry) {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--metrics-port: " + port + " is not a port (0..65535)");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new InvalidInputException("--metrics-host: '" + host + "' is not an address of this machine");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new InvalidInputException("--metrics-port " + port + " on " + host + ": cannot listen ("
                    + e.getMessage() + ")");
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tstar-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsEndpoint(server);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
