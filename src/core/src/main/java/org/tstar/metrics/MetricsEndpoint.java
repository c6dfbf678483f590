package org.tstar.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.tstar.InvalidInputException;

/**
 * Serves a registry's Prometheus text exposition at {@code /metrics} over HTTP, on 127.0.0.1 unless told
 * otherwise (tuning metrics are for a local scraper, not the network). Several handler threads and the JDK
 * server's request and response time limits keep one slow or stuck client from holding up a scrape; only GET and
 * HEAD of exactly {@code /metrics} are answered (404 and 405 otherwise).
 */
public final class MetricsEndpoint implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final int HANDLER_THREADS = 4;
    static final long TIMEOUT_SECONDS = 10;

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
        // read once by the JDK server when its first instance starts: a client that sends half a request, or stops
        // reading the answer, is dropped after this many seconds instead of holding a handler for ever
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(TIMEOUT_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(TIMEOUT_SECONDS));
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new InvalidInputException("--metrics-port " + port + " on " + host + ": cannot listen ("
                    + e.getMessage() + ")");
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                    exchange.sendResponseHeaders(404, -1);
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                } else {
                    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    if (method.equals("HEAD")) {
                        // a length with a HEAD answer makes the JDK server log a warning: -1 sends none
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
            }
        });
        AtomicInteger threads = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
            Thread t = new Thread(r, "tstar-metrics-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsEndpoint(server);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The scrape URL, with an IPv6 address in brackets. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        if (host.contains(":")) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
