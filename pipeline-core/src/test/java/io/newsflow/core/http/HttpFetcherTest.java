package io.newsflow.core.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpFetcherTest {

    private HttpServer server;
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(8);
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> respond(exchange, 200, "hello".getBytes(StandardCharsets.UTF_8), Map.of(
                "ETag", "\"v1\"", "Content-Type", "text/plain; charset=ISO-8859-1")));
        server.createContext("/conditional", exchange -> {
            boolean fresh = "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
            respond(exchange, fresh ? 304 : 200, fresh ? null : "new".getBytes(StandardCharsets.UTF_8), Map.of());
        });
        server.createContext("/upgrade", exchange -> respond(exchange, 200,
                String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")).getBytes(StandardCharsets.UTF_8), Map.of()));
        server.createContext("/moved", exchange -> respond(exchange, 301, null, Map.of("Location", "/ok")));
        server.createContext("/loop", exchange -> respond(exchange, 302, null, Map.of("Location", "/loop")));
        server.createContext("/big", exchange -> respond(exchange, 200, new byte[64 * 1024], Map.of()));
        server.createContext("/bomb", exchange -> respond(exchange, 200, gzip(new byte[1024 * 1024]), Map.of("Content-Encoding", "gzip")));
        server.createContext("/gzip", exchange -> respond(exchange, 200, gzip("zipped".getBytes(StandardCharsets.UTF_8)), Map.of("Content-Encoding", "gzip")));
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        // Several at once, so that a test can see how many requests the fetcher sends at the same time.
        server.setExecutor(serverThreads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HttpFetcher fetcher(boolean allowPrivate) {
        return new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(1), 32 * 1024, 3, allowPrivate, "test"));
    }

    @Test
    void fetches_a_body_with_its_headers_and_charset() throws Exception {
        FetchResponse response = fetcher(true).get(URI.create(base + "/ok"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("hello");
        assertThat(response.header("ETag")).contains("\"v1\"");
        assertThat(response.declaredCharset()).contains(StandardCharsets.ISO_8859_1);
    }

    @Test
    void offers_http2_and_falls_back_to_http_1_1_where_the_server_does_not_take_it() throws Exception {
        // Over TLS the offer is made in ALPN; over plain HTTP it is this upgrade header, which is testable here.
        FetchResponse response = fetcher(true).get(URI.create(base + "/upgrade"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("h2c");
    }

    @Test
    void sends_conditional_headers_and_reports_not_modified() throws Exception {
        FetchResponse response = fetcher(true).get(URI.create(base + "/conditional"), Map.of("If-None-Match", "\"v1\""));
        assertThat(response.notModified()).isTrue();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void follows_a_permanent_redirect_and_says_where_the_resource_moved() throws Exception {
        FetchResponse response = fetcher(true).get(URI.create(base + "/moved"));
        assertThat(response.bodyText()).isEqualTo("hello");
        assertThat(response.permanentlyMovedTo()).contains(URI.create(base + "/ok"));
    }

    @Test
    void stops_a_redirect_loop() {
        assertThatThrownBy(() -> fetcher(true).get(URI.create(base + "/loop")))
                .isInstanceOf(FetchException.class).hasMessageContaining("more than 3 redirects");
    }

    @Test
    void caps_the_body_size_before_and_after_gzip_decoding() throws Exception {
        assertThatThrownBy(() -> fetcher(true).get(URI.create(base + "/big")))
                .isInstanceOf(FetchException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> fetcher(true).get(URI.create(base + "/bomb")))
                .isInstanceOf(FetchException.class).hasMessageContaining("gzip-decoded body is over the limit");
        assertThat(fetcher(true).get(URI.create(base + "/gzip")).bodyText()).isEqualTo("zipped");
    }

    @Test
    void a_server_that_stalls_mid_body_times_out() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(true).get(URI.create(base + "/stall")))
                .isInstanceOf(FetchException.class).hasMessageContaining("no complete response within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void refuses_loopback_and_private_addresses_unless_allowed() {
        assertThatThrownBy(() -> fetcher(false).get(URI.create(base + "/ok")))
                .isInstanceOf(FetchException.class).hasMessageContaining("refused to fetch from private address 127.0.0.1");
        assertThatThrownBy(() -> fetcher(false).get(URI.create("http://10.1.2.3/x")))
                .isInstanceOf(FetchException.class).hasMessageContaining("private address");
        assertThatThrownBy(() -> fetcher(false).get(URI.create("file:///etc/passwd")))
                .isInstanceOf(FetchException.class).hasMessageContaining("only http and https");
    }

    @Test
    void an_allow_listed_host_may_be_fetched_but_its_redirect_to_another_loopback_address_is_refused() throws Exception {
        HttpServer second = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        int port = server.getAddress().getPort();
        second.createContext("/hello", exchange -> respond(exchange, 200, "hi".getBytes(StandardCharsets.UTF_8), Map.of()));
        second.createContext("/to-loopback", exchange -> respond(exchange, 302, null, Map.of("Location", "http://127.0.0.1:" + port + "/ok")));
        second.start();
        try {
            String secondBase = "http://127.0.0.2:" + second.getAddress().getPort();
            HttpFetcher fetcher = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), 32 * 1024, 3,
                    false, "test", List.of("127.0.0.2/32"), 2, Duration.ZERO, Duration.ZERO));

            assertThat(fetcher.get(URI.create(secondBase + "/hello")).bodyText()).isEqualTo("hi");
            assertThatThrownBy(() -> fetcher.get(URI.create(secondBase + "/to-loopback")))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("refused to fetch from private address 127.0.0.1")
                    .extracting(e -> ((FetchException) e).reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
        } finally {
            second.stop(0);
        }
    }

    @Test
    void an_allowed_network_must_be_an_ip_network() {
        assertThatThrownBy(() -> new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 1,
                false, "test", List.of("intranet.example"), 1, Duration.ZERO, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an IP network");
    }

    @Test
    void requests_to_one_host_stay_within_its_concurrency() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server.createContext("/slow", exchange -> {
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            current.decrementAndGet();
            respond(exchange, 200, "slow".getBytes(StandardCharsets.UTF_8), Map.of());
        });
        HttpFetcher fetcher = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 32 * 1024, 3,
                true, "test", List.of(), 2, Duration.ZERO, Duration.ZERO));
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FetchResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                responses.add(clients.submit(() -> fetcher.get(URI.create(base + "/slow"))));
            }
            for (Future<FetchResponse> response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
            }
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void requests_to_one_host_start_at_least_its_delay_apart() throws Exception {
        List<Long> starts = stamping();
        HttpFetcher fetcher = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 32 * 1024, 3,
                true, "test", List.of(), 4, Duration.ofMillis(300), Duration.ZERO));

        for (int i = 0; i < 3; i++) {
            fetcher.get(URI.create(base + "/stamp"));
        }

        assertThat(starts).hasSize(3);
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(starts.get(2) - starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void a_crawl_delay_spaces_the_requests_to_its_host_up_to_the_longest_kept_to() throws Exception {
        List<Long> starts = stamping();
        HttpFetcher fetcher = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 32 * 1024, 3,
                true, "test", List.of(), 4, Duration.ZERO, Duration.ofMillis(400)));

        assertThat(fetcher.crawlDelay("127.0.0.1", Duration.ofSeconds(30))).as("cut to the longest kept to").isEqualTo(Duration.ofMillis(400));
        for (int i = 0; i < 3; i++) {
            fetcher.get(URI.create(base + "/stamp"));
        }
        assertThat(fetcher.crawlDelay("127.0.0.1", Duration.ZERO)).isZero();
        fetcher.get(URI.create(base + "/stamp"));
        fetcher.get(URI.create(base + "/stamp"));

        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(Duration.ofNanos(starts.get(2) - starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(Duration.ofNanos(starts.get(4) - starts.get(3))).as("without a crawl delay, the host delay (none) applies")
                .isLessThan(Duration.ofMillis(350));
    }

    /** When each request to /stamp started, in order. */
    private List<Long> stamping() {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/stamp", exchange -> {
            starts.add(System.nanoTime());
            respond(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8), Map.of());
        });
        return starts;
    }

    @Test
    void every_failure_says_its_reason() {
        assertThat(reasonOf(fetcher(true), "/loop")).isEqualTo(FetchException.Reason.REDIRECTS);
        assertThat(reasonOf(fetcher(true), "/big")).isEqualTo(FetchException.Reason.TOO_LARGE);
        assertThat(reasonOf(fetcher(true), "/bomb")).isEqualTo(FetchException.Reason.TOO_LARGE);
        assertThat(reasonOf(fetcher(true), "/stall")).isEqualTo(FetchException.Reason.TIMEOUT);
        assertThat(reasonOf(fetcher(false), "/ok")).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
    }

    private FetchException.Reason reasonOf(HttpFetcher fetcher, String path) {
        try {
            fetcher.get(URI.create(base + path));
        } catch (FetchException e) {
            return e.reason();
        }
        throw new AssertionError(path + " was fetched without an error");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
