package io.newsflow.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The readiness checks against a loopback HTTP server that answers like Elasticsearch, or hangs, or is not there. */
class ElasticsearchHealthTest {

    private static final IndexNames NAMES = new IndexNames("news-articles");
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final AtomicInteger healthRequests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String clusterStatus = "green";
    private volatile int templateStatus = 200;
    private volatile boolean hang;
    // A hanging answer must not hold up the next request: one thread each.
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    private ElasticsearchClient client;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    private ElasticsearchHealth healthOf(String url) {
        ElasticsearchConnection connection = ElasticsearchConnection.from(new Settings(Map.of(ElasticsearchConnection.URL, url)));
        client = ElasticsearchClients.create(connection);
        return new ElasticsearchHealth(client, connection, NAMES, TIMEOUT);
    }

    private ElasticsearchHealth healthOfFakeCluster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/_cluster/health", exchange -> {
            healthRequests.incrementAndGet();
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = """
                    {"cluster_name":"newsflow","status":"%s","timed_out":false,"number_of_nodes":1,"number_of_data_nodes":1,
                     "active_primary_shards":1,"active_shards":1,"relocating_shards":0,"initializing_shards":0,
                     "unassigned_shards":0,"unassigned_primary_shards":0,"delayed_unassigned_shards":0,
                     "number_of_pending_tasks":0,"number_of_in_flight_fetch":0,"task_max_waiting_in_queue_millis":0,
                     "active_shards_percent_as_number":100.0}""".formatted(clusterStatus).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/_index_template/" + NAMES.templateName(), exchange -> {
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(templateStatus, -1);
            exchange.close();
        });
        server.setExecutor(serverThreads);
        server.start();
        return healthOf("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void a_green_cluster_with_the_template_is_up() throws IOException {
        List<HealthCheck> checks = healthOfFakeCluster().check();

        assertThat(checks).extracting(HealthCheck::name, HealthCheck::up)
                .containsExactly(tuple("elasticsearch", true), tuple("index-template", true));
        assertThat(checks.getFirst().detail()).contains("cluster newsflow").contains("is green with 1 node(s)");
    }

    @Test
    void a_red_cluster_or_a_missing_template_is_down() throws IOException {
        ElasticsearchHealth health = healthOfFakeCluster();
        clusterStatus = "red";
        templateStatus = 404;

        List<HealthCheck> checks = health.check();

        assertThat(checks).noneMatch(HealthCheck::up);
        assertThat(checks.get(0).detail()).contains("is red").contains("primary shard");
        assertThat(checks.get(1).detail()).contains("index template news-articles is missing");
    }

    @Test
    void a_cluster_that_is_not_there_is_down() {
        List<HealthCheck> checks = healthOf("http://127.0.0.1:9").check();

        assertThat(checks).noneMatch(HealthCheck::up);
        assertThat(checks.get(0).detail()).startsWith("Elasticsearch at http://127.0.0.1:9 does not answer");
    }

    @Test
    void a_hanging_cluster_is_down_after_the_timeout_and_probes_meanwhile_share_one_request() throws IOException {
        ElasticsearchHealth health = healthOfFakeCluster();
        hang = true;

        List<HealthCheck> first = health.check();
        List<HealthCheck> second = health.check();

        assertThat(first.get(0).up()).isFalse();
        assertThat(first.get(0).detail()).contains("no answer within 500 ms");
        assertThat(second.get(0).up()).isFalse();
        assertThat(healthRequests).hasValue(1);
    }
}
