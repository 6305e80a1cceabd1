package io.newsflow.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The health and metrics endpoints over real HTTP on a free loopback port, serving a service the test steers. */
class StatusServerTest {

    /** A service whose readiness and failure the test sets. */
    private static final class FakeService implements Service {
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        volatile List<HealthCheck> checks = List.of();
        volatile RuntimeException readinessError;

        @Override
        public void start() {
        }

        @Override
        public CompletionStage<Throwable> failure() {
            return failure.minimalCompletionStage();
        }

        @Override
        public List<HealthCheck> readiness() {
            if (readinessError != null) {
                throw readinessError;
            }
            return checks;
        }

        @Override
        public void close() {
        }
    }

    private final FakeService service = new FakeService();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatusServer server;

    @BeforeEach
    void start() throws IOException {
        server = StatusServer.start(new StatusServer.Options("127.0.0.1", 0), service, registry);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.fromString(response.body(), JsonNode.class);
    }

    @Test
    void live_answers_200_until_the_service_reports_a_failure_then_503_with_the_cause() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).path("status").asText()).isEqualTo("UP");

        service.failure.complete(new IllegalStateException("the index consumer loop stopped"));

        HttpResponse<String> dead = get("/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(json(dead).path("status").asText()).isEqualTo("DOWN");
        assertThat(json(dead).path("reason").asText()).isEqualTo("the index consumer loop stopped");
    }

    @Test
    void ready_answers_200_only_when_every_check_is_up_and_lists_the_checks() throws Exception {
        service.checks = List.of(HealthCheck.up("kafka", "producer initialised"), HealthCheck.down("elasticsearch", "connection refused"));

        HttpResponse<String> notReady = get("/health/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = json(notReady);
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("checks").toString()).isEqualTo("""
                [{"name":"kafka","status":"UP","detail":"producer initialised"},\
                {"name":"elasticsearch","status":"DOWN","detail":"connection refused"}]""");

        service.checks = List.of(HealthCheck.up("kafka", "producer initialised"), HealthCheck.up("elasticsearch", "cluster green"));

        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void a_service_with_no_checks_a_failing_check_or_a_failure_is_not_ready() throws Exception {
        assertThat(get("/health/ready").statusCode()).as("no checks").isEqualTo(503);

        service.readinessError = new IllegalStateException("client closed");
        HttpResponse<String> throwing = get("/health/ready");
        assertThat(throwing.statusCode()).isEqualTo(503);
        assertThat(json(throwing).path("checks").get(0).path("detail").asText()).contains("client closed");

        service.readinessError = null;
        service.checks = List.of(HealthCheck.up("kafka", "ok"));
        service.failure.complete(new IllegalStateException("stream went to ERROR"));
        HttpResponse<String> failed = get("/health/ready");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).path("checks").get(0).path("name").asText()).isEqualTo("service");
    }

    @Test
    void metrics_renders_the_registry_in_prometheus_text_format() throws Exception {
        Counter polls = Counter.builder("newsflow.feed.polls").tag("outcome", "ok").register(registry);
        polls.increment(3);

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(StatusServer.PROMETHEUS_TEXT);
        assertThat(metrics.body()).contains("newsflow_feed_polls_total{outcome=\"ok\"} 3.0");
    }

    @Test
    void other_paths_are_404_and_other_methods_405() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);

        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/health/live")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void options_default_to_all_interfaces_on_8080_and_name_a_bad_setting() {
        assertThat(StatusServer.Options.from(new Settings(Map.of()))).isEqualTo(new StatusServer.Options("0.0.0.0", 8080));
        assertThat(StatusServer.Options.from(new Settings(Map.of(StatusServer.PORT, "0")))).isEqualTo(new StatusServer.Options("0.0.0.0", 0));

        assertThatThrownBy(() -> StatusServer.Options.from(new Settings(Map.of(StatusServer.PORT, "70000"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_HTTP_PORT=70000");
    }
}
