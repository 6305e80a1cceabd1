package io.newsflow.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.newsflow.core.runtime.HealthCheck;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether Elasticsearch can take this service's writes: the cluster answers with a status other than red
 * ({@code GET _cluster/health}: the minimal distribution refuses {@code GET /}), and the index template is installed.
 * Each answer is bounded by a timeout, and only one check runs at a time: probes that come while a cluster hangs
 * share the running check instead of piling requests onto the connections the bulk writer needs.
 */
public final class ElasticsearchHealth {

    static final String CLUSTER = "elasticsearch";
    static final String TEMPLATE = "index-template";

    private final ElasticsearchClient client;
    private final ElasticsearchConnection connection;
    private final IndexNames names;
    private final Duration timeout;
    private CompletableFuture<List<HealthCheck>> running;

    /** @param timeout how long {@link #check()} waits for the answers */
    public ElasticsearchHealth(ElasticsearchClient client, ElasticsearchConnection connection, IndexNames names, Duration timeout) {
        this.client = client;
        this.connection = connection;
        this.names = names;
        this.timeout = timeout;
    }

    /** Two checks, {@value #CLUSTER} and {@value #TEMPLATE}, each down with the reason when it is not up. */
    public List<HealthCheck> check() {
        CompletableFuture<List<HealthCheck>> answer;
        synchronized (this) {
            if (running == null || running.isDone()) {
                CompletableFuture<List<HealthCheck>> started = new CompletableFuture<>();
                Thread.ofVirtual().name("elasticsearch-health").start(() -> started.complete(ask()));
                running = started;
            }
            answer = running;
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unreachable("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unreachable(e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted while waiting for the answer");
        }
    }

    private List<HealthCheck> ask() {
        HealthCheck cluster;
        try {
            HealthResponse health = client.cluster().health();
            String state = "cluster " + health.clusterName() + " at " + connection.describe() + " is " + health.status().jsonValue()
                    + " with " + health.numberOfNodes() + " node(s)";
            cluster = health.status() == HealthStatus.Red
                    ? HealthCheck.down(CLUSTER, state + ": a primary shard is not allocated")
                    : HealthCheck.up(CLUSTER, state);
        } catch (IOException | RuntimeException e) {
            return unreachable(e.getMessage() != null ? e.getMessage() : e.toString());
        }
        HealthCheck template;
        try {
            template = client.indices().existsIndexTemplate(t -> t.name(names.templateName())).value()
                    ? HealthCheck.up(TEMPLATE, "index template " + names.templateName() + " is installed")
                    : HealthCheck.down(TEMPLATE, "index template " + names.templateName() + " is missing: restart index-service,"
                    + " which installs it");
        } catch (IOException | RuntimeException e) {
            template = HealthCheck.down(TEMPLATE, "cannot tell whether index template " + names.templateName() + " is installed: "
                    + e.getMessage());
        }
        return List.of(cluster, template);
    }

    private List<HealthCheck> unreachable(String why) {
        return List.of(HealthCheck.down(CLUSTER, "Elasticsearch at " + connection.describe() + " does not answer: " + why),
                HealthCheck.down(TEMPLATE, "not checked: Elasticsearch does not answer"));
    }
}
