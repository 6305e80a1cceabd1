package io.newsflow.core.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operations endpoints of one service process, on a small HTTP server of its own:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the service works, 503 once its {@link Service#failure()} completed
 *       (the process is about to exit; a supervisor may restart it);</li>
 *   <li>{@code GET /health/ready}: 200 when every {@link Service#readiness()} check is up, else 503; the JSON body
 *       lists the checks with their details;</li>
 *   <li>{@code GET /metrics}: the process's meters in Prometheus text format.</li>
 * </ul>
 * Each request runs on a virtual thread of its own, so a slow readiness check never holds up liveness or metrics.
 */
public final class StatusServer implements AutoCloseable {

    public static final String HOST = "NEWSFLOW_HTTP_HOST";
    public static final String PORT = "NEWSFLOW_HTTP_PORT";

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    /**
     * Where the endpoints listen.
     *
     * @param host the address to bind, {@code 0.0.0.0} for all interfaces
     * @param port the port, 0 for any free one
     */
    public record Options(String host, int port) {

        /** From {@code NEWSFLOW_HTTP_HOST} (default {@code 0.0.0.0}) and {@code NEWSFLOW_HTTP_PORT} (default 8080). */
        public static Options from(Settings settings) {
            String host = settings.string(HOST, "0.0.0.0");
            int port = settings.integer(PORT, 8080, 0, 65535);
            if (new InetSocketAddress(host, port).isUnresolved()) {
                throw new InvalidSettingException(HOST + "=" + host + " is not an address of this host: give an IP address"
                        + " or host name to listen on, or 0.0.0.0 for all");
            }
            return new Options(host, port);
        }
    }

    /** The JSON of {@code /health/live} and {@code /health/ready}; checks are left out of the liveness answer. */
    private record Report(String status, String reason, List<Check> checks) {
    }

    private record Check(String name, String status, String detail) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Service service;
    private final PrometheusMeterRegistry registry;
    private volatile Throwable failure;

    private StatusServer(HttpServer server, ExecutorService threads, Service service, PrometheusMeterRegistry registry) {
        this.server = server;
        this.threads = threads;
        this.service = service;
        this.registry = registry;
    }

    /**
     * Binds and starts serving {@code service}'s health and {@code registry}'s meters.
     *
     * @throws IOException if the address cannot be bound (the port is taken, say)
     */
    public static StatusServer start(Options options, Service service, PrometheusMeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        StatusServer status = new StatusServer(server, threads, service, registry);
        service.failure().whenComplete((cause, completionError) ->
                status.failure = cause != null ? cause : completionError != null ? completionError
                        : new IllegalStateException("the service reported a failure without a cause"));
        server.createContext("/", status::handle);
        server.setExecutor(threads);
        server.start();
        return status;
    }

    /** The address the endpoints listen on, with the port actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!List.of(LIVE, READY, METRICS).contains(path)) {
                send(exchange, 404, "text/plain; charset=utf-8",
                        ("no such endpoint: " + path + "; try " + LIVE + ", " + READY + " or " + METRICS + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", (path + " answers GET only\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (path) {
                case LIVE -> live(exchange);
                case READY -> ready(exchange);
                default -> send(exchange, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, most likely; the next probe asks again.
            log.debug("answering {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private void live(HttpExchange exchange) throws IOException {
        Throwable failed = failure;
        Report report = failed == null ? new Report("UP", null, null) : new Report("DOWN", describe(failed), null);
        sendJson(exchange, failed == null ? 200 : 503, report);
    }

    private void ready(HttpExchange exchange) throws IOException {
        List<Check> checks = new ArrayList<>();
        boolean ready = true;
        Throwable failed = failure;
        if (failed != null) {
            checks.add(new Check("service", "DOWN", describe(failed)));
            ready = false;
        }
        List<HealthCheck> results;
        try {
            results = service.readiness();
        } catch (RuntimeException e) {
            results = List.of(HealthCheck.down("readiness", "the readiness check failed: " + e));
        }
        if (results.isEmpty()) {
            results = List.of(HealthCheck.down("readiness", "the service reported no checks"));
        }
        for (HealthCheck check : results) {
            checks.add(new Check(check.name(), check.up() ? "UP" : "DOWN", check.detail()));
            ready &= check.up();
        }
        sendJson(exchange, ready ? 200 : 503, new Report(ready ? "UP" : "DOWN", null, checks));
    }

    private static void sendJson(HttpExchange exchange, int status, Report report) throws IOException {
        send(exchange, status, "application/json", Json.toBytes(report));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** Stops listening at once: probes that come later find the port closed, which is the truth. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
