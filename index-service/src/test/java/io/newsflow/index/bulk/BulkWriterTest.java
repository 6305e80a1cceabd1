package io.newsflow.index.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.index.bulk.ItemOutcome.Kind;
import io.newsflow.index.document.IndexDocument;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer against a loopback HTTP server that answers like Elasticsearch: what it sends, and how it reads the answers. */
class BulkWriterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private ElasticsearchClient client;
    private final AtomicReference<String> requestLine = new AtomicReference<>();
    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<com.sun.net.httpserver.Headers> requestHeaders = new AtomicReference<>();
    private volatile int status;
    private volatile String response;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requestLine.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            requestHeaders.set(exchange.getRequestHeaders());
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = ElasticsearchClients.create(ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "http://127.0.0.1:" + server.getAddress().getPort()))));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void writes_each_document_by_id_with_its_external_version_to_the_write_alias() throws Exception {
        status = 200;
        response = """
                {"took":3,"errors":false,"items":[
                 {"index":{"_index":"news-articles-v1","_id":"a","_version":5,"result":"created",
                   "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},
                 {"index":{"_index":"news-articles-v1","_id":"b","_version":9,"result":"updated","status":200,"_seq_no":1}}],
                 "ingest_took":0}""";
        byte[] sourceA = "{\"title\":\"A\\nline\"}".getBytes(StandardCharsets.UTF_8);
        List<ItemOutcome> outcomes = new BulkWriter(client, "news-articles-write", registry).write(List.of(
                new IndexDocument("a", 5, sourceA), new IndexDocument("b", 9, "{\"title\":\"B\"}".getBytes(StandardCharsets.UTF_8))));

        assertThat(outcomes).extracting(ItemOutcome::kind).containsExactly(Kind.INDEXED, Kind.INDEXED);
        assertThat(requestLine.get()).startsWith("POST /news-articles-write/_bulk").contains("require_alias=true");
        assertThat(requestHeaders.get().getFirst("Content-Type")).startsWith("application/x-ndjson");
        assertThat(requestHeaders.get().getFirst("Content-Length")).as("sent whole, not in chunks")
                .isEqualTo(String.valueOf(requestBody.get().getBytes(StandardCharsets.UTF_8).length));
        String[] lines = requestBody.get().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode action = Json.mapper().readTree(lines[0]).get("index");
        assertThat(action.get("_id").asText()).isEqualTo("a");
        assertThat(action.get("version").asLong()).isEqualTo(5);
        assertThat(action.get("version_type").asText()).isEqualTo("external_gte");
        assertThat(lines[1]).as("the source goes out byte for byte").isEqualTo(new String(sourceA, StandardCharsets.UTF_8));
        assertThat(Json.mapper().readTree(lines[2]).at("/index/version").asLong()).isEqualTo(9);
    }

    @Test
    void reports_every_item_outcome_in_request_order_with_elasticsearch_reasons() throws Exception {
        status = 200;
        response = """
                {"took":3,"errors":true,"items":[
                 {"index":{"_index":"news-articles-v1","_id":"a","status":201,"result":"created","_version":1}},
                 {"index":{"_index":"news-articles-v1","_id":"b","status":409,"error":{"type":"version_conflict_engine_exception",
                   "reason":"[b]: version conflict, current version [10] is higher than the one provided [2]"}}},
                 {"index":{"_index":"news-articles-v1","_id":"c","status":400,"error":{"type":"document_parsing_exception",
                   "reason":"[1:15] failed to parse field [publishedAt] of type [date] in document with id 'c'",
                   "caused_by":{"type":"illegal_argument_exception","reason":"failed to parse date field [yesterday]"}}}},
                 {"index":{"_index":"news-articles-v1","_id":"d","status":429,"error":{"type":"es_rejected_execution_exception",
                   "reason":"rejected execution of coordinating operation"}}}]}""";
        List<IndexDocument> documents = List.of("a", "b", "c", "d").stream()
                .map(id -> new IndexDocument(id, 2, "{}".getBytes(StandardCharsets.UTF_8))).toList();

        List<ItemOutcome> outcomes = new BulkWriter(client, "news-articles-write", registry).write(documents);

        assertThat(outcomes).extracting(ItemOutcome::kind)
                .containsExactly(Kind.INDEXED, Kind.VERSION_CONFLICT, Kind.REJECTED, Kind.RETRY);
        assertThat(outcomes.get(2).errorType()).isEqualTo("document_parsing_exception");
        assertThat(outcomes.get(2).reason()).isEqualTo("[1:15] failed to parse field [publishedAt] of type [date] in document with id 'c'"
                + " (caused by illegal_argument_exception: failed to parse date field [yesterday])");
        assertThat(new DocumentRejectedException("c", outcomes.get(2)).getMessage())
                .startsWith("Elasticsearch rejected document c (HTTP 400 document_parsing_exception: [1:15] failed to parse field");
        for (String outcome : List.of("indexed", "version_conflict", "rejected", "retried")) {
            assertThat(registry.get("newsflow.bulk.items").tag("outcome", outcome).counter().count()).as(outcome).isEqualTo(1);
        }
        assertThat(registry.get("newsflow.bulk").tag("outcome", "ok").timer().count()).isEqualTo(1);
    }

    @Test
    void long_reasons_are_capped_part_by_part_so_that_the_cause_survives() {
        ObjectNode error = Json.mapper().createObjectNode().put("type", "document_parsing_exception")
                .put("reason", "failed to parse field [authors]. Preview of field's value: '" + "x".repeat(40_000) + "'");
        error.putObject("caused_by").put("type", "illegal_argument_exception").put("reason", "Document contains at least one immense term");
        assertThat(BulkWriter.reasonOf(error)).hasSizeLessThan(2 * BulkWriter.MAX_REASON_CHARS)
                .startsWith("failed to parse field [authors]")
                .endsWith("(caused by illegal_argument_exception: Document contains at least one immense term)");
    }

    @Test
    void a_request_that_fails_as_a_whole_gives_no_outcome() {
        status = 503;
        response = """
                {"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"},
                 "status":503}""";
        BulkWriter writer = new BulkWriter(client, "news-articles-write", registry);
        List<IndexDocument> one = List.of(new IndexDocument("a", 1, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> writer.write(one)).isInstanceOf(BulkRequestFailedException.class)
                .hasMessageContaining("news-articles-write").hasMessageContaining("state not recovered");

        server.stop(0);
        assertThatThrownBy(() -> writer.write(one)).isInstanceOf(BulkRequestFailedException.class)
                .hasMessageContaining("bulk request of 1 documents to news-articles-write failed");
        assertThat(registry.get("newsflow.bulk").tag("outcome", "failed").timer().count()).isEqualTo(2);
        assertThat(registry.get("newsflow.bulk.items").tag("outcome", "indexed").counter().count()).isZero();
    }
}
